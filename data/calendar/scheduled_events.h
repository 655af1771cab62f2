#pragma once

// Market-wide events whose day is announced weeks ahead and that move every stock at once: the Union
// Budget and a general election's exit polls and results. Daily bars carry no calendar, so a pooled
// model sees a Budget day as one more session. On the real NSE files (33 tickers, 2021-04 to 2026-04)
// half of the tickers broke out (high − low > 1.5 ATR) on these sessions against 11 % on the others,
// and the breakout boosters quoted them 10–13 %. Sources and the sessions each date falls on:
// docs/data-calendar-universe.md.
//
// Only schedules known in advance belong here (a Budget date is fixed by convention or announced a
// month ahead, an election's counting day two months ahead): a model may use them for any session
// before the event without looking ahead. Interim budgets (votes on account, no tax or policy changes
// by convention) and RBI policy days (no wider ranges on the real files: 10.6 % either way) are not
// listed.

#include <QDate>
#include <QString>

#include <span>

namespace aegis::data {

enum class ScheduledEventKind { UnionBudget, ElectionExitPolls, ElectionResults };

struct ScheduledEvent {
    QDate date;  // the first day the market can react: the Budget speech, the day after the last
                 // polling phase (exit polls are published that evening), the counting day
    ScheduledEventKind kind;
};

// Every listed event, ascending by date.
std::span<const ScheduledEvent> scheduledEvents();

QString scheduledEventName(ScheduledEventKind kind);  // "Union Budget", ...

// The events a session is the first to trade on: those dated after `previousSession` and up to
// `session` (an event on a weekend or holiday falls on the next session). Empty when none. Both dates
// must be valid with previousSession < session.
std::span<const ScheduledEvent> scheduledEventsFirstTradedOn(QDate previousSession, QDate session);

}  // namespace aegis::data
