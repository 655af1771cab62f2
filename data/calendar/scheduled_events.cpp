#include "data/calendar/scheduled_events.h"

#include <QtGlobal>

#include <algorithm>
#include <array>

namespace aegis::data {

namespace {

using enum ScheduledEventKind;

// Ascending. Budget 2027 is the convention in force since 2017 (1 February), not yet a notified date.
const std::array kEvents = {
    ScheduledEvent{QDate(2000, 2, 29), UnionBudget},     ScheduledEvent{QDate(2001, 2, 28), UnionBudget},
    ScheduledEvent{QDate(2002, 2, 28), UnionBudget},     ScheduledEvent{QDate(2003, 2, 28), UnionBudget},
    ScheduledEvent{QDate(2004, 5, 13), ElectionResults}, ScheduledEvent{QDate(2004, 7, 8), UnionBudget},
    ScheduledEvent{QDate(2005, 2, 28), UnionBudget},     ScheduledEvent{QDate(2006, 2, 28), UnionBudget},
    ScheduledEvent{QDate(2007, 2, 28), UnionBudget},     ScheduledEvent{QDate(2008, 2, 29), UnionBudget},
    ScheduledEvent{QDate(2009, 5, 14), ElectionExitPolls}, ScheduledEvent{QDate(2009, 5, 16), ElectionResults},
    ScheduledEvent{QDate(2009, 7, 6), UnionBudget},      ScheduledEvent{QDate(2010, 2, 26), UnionBudget},
    ScheduledEvent{QDate(2011, 2, 28), UnionBudget},     ScheduledEvent{QDate(2012, 3, 16), UnionBudget},
    ScheduledEvent{QDate(2013, 2, 28), UnionBudget},     ScheduledEvent{QDate(2014, 5, 13), ElectionExitPolls},
    ScheduledEvent{QDate(2014, 5, 16), ElectionResults}, ScheduledEvent{QDate(2014, 7, 10), UnionBudget},
    ScheduledEvent{QDate(2015, 2, 28), UnionBudget},     ScheduledEvent{QDate(2016, 2, 29), UnionBudget},
    ScheduledEvent{QDate(2017, 2, 1), UnionBudget},      ScheduledEvent{QDate(2018, 2, 1), UnionBudget},
    ScheduledEvent{QDate(2019, 5, 20), ElectionExitPolls}, ScheduledEvent{QDate(2019, 5, 23), ElectionResults},
    ScheduledEvent{QDate(2019, 7, 5), UnionBudget},      ScheduledEvent{QDate(2020, 2, 1), UnionBudget},
    ScheduledEvent{QDate(2021, 2, 1), UnionBudget},      ScheduledEvent{QDate(2022, 2, 1), UnionBudget},
    ScheduledEvent{QDate(2023, 2, 1), UnionBudget},      ScheduledEvent{QDate(2024, 6, 2), ElectionExitPolls},
    ScheduledEvent{QDate(2024, 6, 4), ElectionResults},  ScheduledEvent{QDate(2024, 7, 23), UnionBudget},
    ScheduledEvent{QDate(2025, 2, 1), UnionBudget},      ScheduledEvent{QDate(2026, 2, 1), UnionBudget},
    ScheduledEvent{QDate(2027, 2, 1), UnionBudget},
};

}  // namespace

std::span<const ScheduledEvent> scheduledEvents() { return kEvents; }

QString scheduledEventName(ScheduledEventKind kind)
{
    switch (kind) {
    case UnionBudget: return QStringLiteral("Union Budget");
    case ElectionExitPolls: return QStringLiteral("general election exit polls");
    case ElectionResults: return QStringLiteral("general election results");
    }
    Q_UNREACHABLE();
    return {};
}

std::span<const ScheduledEvent> scheduledEventsFirstTradedOn(QDate previousSession, QDate session)
{
    Q_ASSERT(previousSession.isValid() && session.isValid() && previousSession < session);
    const auto byDate = [](const ScheduledEvent& event, QDate date) { return event.date < date; };
    const auto first = std::lower_bound(kEvents.begin(), kEvents.end(), previousSession.addDays(1), byDate);
    const auto last = std::lower_bound(first, kEvents.end(), session.addDays(1), byDate);
    return {first, last};
}

}  // namespace aegis::data
