// Per-group logit offsets: a group whose outcomes sit apart from a pooled model's forecasts gets the
// shift its record supports, less one standard error counted over session blocks; a group the model
// already fits, or one with too little evidence, keeps the forecasts unchanged.

#include "models/evaluation/group_logit_offsets.h"

#include "synthetic_data.h"

#include <QtTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <stdexcept>

using namespace aegis::models::evaluation;
using aegis::models::evaluation::testing::SyntheticSource;
using aegis::models::evaluation::testing::sigmoid;

namespace {

// `n` forecasts of `group`, one per session, spread around logit 0; outcomes drawn with the forecast's
// logit shifted by `truth`.
void addGroup(std::vector<GroupForecast>& out, const std::string& group, std::size_t n, double truth, std::uint64_t seed)
{
    SyntheticSource source(seed);
    for (std::size_t i = 0; i < n; ++i) {
        const double x = source.normal(0.0, 0.8);
        out.push_back({group, std::int64_t(i), sigmoid(x), source.bernoulli(sigmoid(x + truth))});
    }
}

std::string groupName(int index)
{
    std::string name = std::to_string(index);
    name.insert(name.begin(), 'G');
    return name;
}

}  // namespace

class GroupOffsetsTests : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void handWorkedOffset()
    {
        // Group A: eight forecasts of 0.5, two outcomes 1. The shift solving Σ(y − σ(δ)) = 0 is
        // logit(1/4) = −ln 3; at δ̂ each forecast is 1/4, the blocks (one session each) score 3/4 twice and
        // −1/4 six times: Σ s_b² = 3/2, information 8·(1/4)(3/4) = 3/2, se² = (8/7)·(3/2) / (3/2)² = 16/21.
        // Group B mirrors it (six outcomes 1): δ̂ = +ln 3, the same se. τ² = (ln 3)² − 16/21, and each
        // group keeps τ²/(τ² + 16/21) of its shift.
        std::vector<GroupForecast> forecasts;
        for (int i = 0; i < 8; ++i) {
            forecasts.push_back({"A", i, 0.5, i < 2 ? 1 : 0});
            forecasts.push_back({"B", i, 0.5, i < 6 ? 1 : 0});
        }
        const GroupLogitOffsets offsets = GroupLogitOffsets::fit(forecasts, 1);
        const double se2 = 16.0 / 21.0;
        const double tau2 = std::log(3.0) * std::log(3.0) - se2;
        const GroupOffset& a = offsets.groups().at("A");
        QVERIFY(std::abs(a.fitted + std::log(3.0)) < 1e-9);
        QVERIFY(std::abs(a.standardError - std::sqrt(se2)) < 1e-9);
        QVERIFY(std::abs(offsets.betweenGroupSd() - std::sqrt(tau2)) < 1e-9);
        QVERIFY(std::abs(a.applied + std::log(3.0) * tau2 / (tau2 + se2)) < 1e-9);
        QVERIFY(std::abs(offsets.offset("B") - std::log(3.0) * tau2 / (tau2 + se2)) < 1e-9);
        QCOMPARE(a.forecasts, std::size_t(8));
        QVERIFY(std::abs(offsets.apply("A", 0.5) - sigmoid(a.applied)) < 1e-12);
    }

    void shiftsAGroupThePoolMisjudges()
    {
        // Group A's outcomes sit a full logit below its forecasts (0.63 forecast where 0.38 happens,
        // the breach model's NIFTY gap); groups B and C are calibrated.
        std::vector<GroupForecast> forecasts;
        addGroup(forecasts, "A", 3000, -1.0, 1);
        addGroup(forecasts, "B", 3000, 0.0, 2);
        addGroup(forecasts, "C", 3000, 0.0, 3);
        const GroupLogitOffsets offsets = GroupLogitOffsets::fit(forecasts, 5);
        const GroupOffset& a = offsets.groups().at("A");
        QVERIFY2(std::abs(a.fitted + 1.0) < 0.15, qPrintable(QString::number(a.fitted)));
        QVERIFY(a.standardError > 0.0 && a.standardError < 0.2);
        QVERIFY2(a.applied < 0.9 * a.fitted, qPrintable(QString::number(a.applied)));  // keeps most of its shift
        QVERIFY2(std::abs(offsets.offset("B")) < 0.1 && std::abs(offsets.offset("C")) < 0.1,
                 qPrintable(QString::number(offsets.offset("B"))));
        QVERIFY(offsets.apply("A", 0.6) < 0.45 && offsets.apply("A", 0.6) > 0.3);
        QCOMPARE(offsets.apply("unknown", 0.6), 0.6);
        // The shift moves the group's mean forecast toward what happened.
        double before = 0.0, after = 0.0, happened = 0.0;
        for (const GroupForecast& f : forecasts) {
            if (f.group != "A")
                continue;
            before += f.probability;
            after += offsets.apply("A", f.probability);
            happened += f.outcome;
        }
        QVERIFY(std::abs(after - happened) < std::abs(before - happened) / 4.0);
    }

    void manySmallGroupsWithoutEffectStayPut()
    {
        // 500 tickers of 60 forecasts each, all calibrated: every δ̂ is noise (se ≈ 0.3), τ ≈ 0, and the
        // shifts applied stay far below the fitted ones. Half of them shifted by ±0.8 instead: τ is
        // measured and those groups keep most of their shift, with the right sign.
        std::vector<GroupForecast> calibrated, shifted;
        for (int g = 0; g < 500; ++g) {
            addGroup(calibrated, groupName(g), 60, 0.0, 1000 + std::uint64_t(g));
            addGroup(shifted, groupName(g), 60, g % 2 == 0 ? 0.0 : (g % 4 == 1 ? 0.8 : -0.8), 1000 + std::uint64_t(g));
        }
        const GroupLogitOffsets none = GroupLogitOffsets::fit(calibrated, 1);
        double fittedSquares = 0.0, appliedSquares = 0.0;
        for (const auto& [group, offset] : none.groups()) {
            fittedSquares += offset.fitted * offset.fitted;
            appliedSquares += offset.applied * offset.applied;
        }
        qInfo("calibrated: tau %.3f, rms fitted %.3f, rms applied %.3f", none.betweenGroupSd(), std::sqrt(fittedSquares / 500),
              std::sqrt(appliedSquares / 500));
        QVERIFY(none.betweenGroupSd() < 0.15);
        QVERIFY(appliedSquares < 0.1 * fittedSquares);
        const GroupLogitOffsets some = GroupLogitOffsets::fit(shifted, 1);
        QVERIFY2(some.betweenGroupSd() > 0.4, qPrintable(QString::number(some.betweenGroupSd())));
        double rightSign = 0.0;
        for (int g = 1; g < 500; g += 2)
            rightSign += (some.offset(groupName(g)) > 0.0) == (g % 4 == 1);
        QVERIFY2(rightSign >= 0.9 * 250, qPrintable(QString::number(rightSign)));
    }

    void familiesHaveTheirOwnSpread()
    {
        // 40 calibrated groups and one a logit too high, as NIFTY's VIX bands among realised-vol stocks.
        // In one family the outlier is shrunk to the calibrated groups' small spread; in a family of its
        // own it keeps δ̂ − se²/δ̂, and the others' spread no longer carries it.
        std::vector<GroupForecast> forecasts;
        for (int g = 0; g < 40; ++g)
            addGroup(forecasts, groupName(g), 400, 0.0, 200 + std::uint64_t(g));
        addGroup(forecasts, "NIFTY", 400, -1.0, 300);
        const GroupLogitOffsets pooled = GroupLogitOffsets::fit(forecasts, 1);
        const GroupLogitOffsets apart = GroupLogitOffsets::fit(forecasts, 1, {{"NIFTY", "implied_sigma"}});
        const GroupOffset& nifty = apart.groups().at("NIFTY");
        qInfo("NIFTY fitted %.3f se %.3f: one family %.3f (tau %.3f), its own %.3f (others' tau %.3f)", nifty.fitted,
              nifty.standardError, pooled.offset("NIFTY"), pooled.betweenGroupSd(), apart.offset("NIFTY"), apart.betweenGroupSd());
        QCOMPARE(nifty.family, std::string("implied_sigma"));
        QCOMPARE(apart.groups().at(groupName(0)).family, std::string());
        const double se2 = nifty.standardError * nifty.standardError;
        QVERIFY(std::abs(apart.offset("NIFTY") - (nifty.fitted - se2 / nifty.fitted)) < 1e-9);
        QVERIFY(std::abs(apart.betweenGroupSd("implied_sigma") - std::sqrt(nifty.fitted * nifty.fitted - se2)) < 1e-9);
        QVERIFY(apart.offset("NIFTY") < 0.8 * nifty.fitted);
        QVERIFY(pooled.offset("NIFTY") > apart.offset("NIFTY") + 0.2);
        QVERIFY(apart.betweenGroupSd() < pooled.betweenGroupSd());
        const GroupLogitOffsets loaded = GroupLogitOffsets::fromJson(nlohmann::json::parse(apart.toJson().dump()));
        QCOMPARE(loaded.toJson().dump(), apart.toJson().dump());
    }

    void sharedSessionsCountOnce()
    {
        // 40 sessions, 50 forecasts each sharing the session's outcome: a noise-sized shift in 40
        // independent outcomes. Alone, a group keeps δ̂ − se²/δ̂ when |δ̂| > se (τ² = δ̂² − se²), else
        // nothing. Counted row by row it would look like 2,000 outcomes and pass as evidence.
        int shiftedBlocked = 0, shiftedRowByRow = 0;
        for (std::uint64_t seed = 1; seed <= 20; ++seed) {
            SyntheticSource source(50 + seed);
            std::vector<GroupForecast> panel, rowByRow;
            for (std::int64_t session = 0; session < 40; ++session) {
                const int outcome = source.bernoulli(0.5);
                for (int member = 0; member < 50; ++member) {
                    panel.push_back({"A", session, 0.5, outcome});
                    rowByRow.push_back({"A", session * 50 + member, 0.5, outcome});
                }
            }
            shiftedBlocked += GroupLogitOffsets::fit(panel, 1).offset("A") != 0.0;
            shiftedRowByRow += GroupLogitOffsets::fit(rowByRow, 1).offset("A") != 0.0;
        }
        QVERIFY2(shiftedBlocked <= 8, qPrintable(QString::number(shiftedBlocked)));
        QVERIFY2(shiftedRowByRow >= 15, qPrintable(QString::number(shiftedRowByRow)));
    }

    void withoutEvidenceNothingMoves()
    {
        // One outcome only: no finite maximum. One block: no standard error.
        const std::vector<GroupForecast> allMissed{{"A", 0, 0.4, 0}, {"A", 10, 0.3, 0}, {"A", 20, 0.5, 0}};
        QCOMPARE(GroupLogitOffsets::fit(allMissed, 1).offset("A"), 0.0);
        const std::vector<GroupForecast> oneBlock{{"A", 0, 0.9, 0}, {"A", 1, 0.9, 0}, {"A", 2, 0.9, 1}};
        const GroupLogitOffsets single = GroupLogitOffsets::fit(oneBlock, 10);
        QVERIFY(single.groups().at("A").fitted < -1.0);
        QCOMPARE(single.offset("A"), 0.0);
    }

    // A group named because its outcomes should be more frequent than forecast keeps an upward shift
    // as it would anyway and gets 0 for a downward one; either way it counts toward its family's τ.
    void upwardOnlyDropsShiftsAgainstTheGroupsReason()
    {
        std::vector<GroupForecast> forecasts;
        addGroup(forecasts, "up", 3000, 1.0, 11);
        addGroup(forecasts, "down", 3000, -1.0, 12);
        const GroupLogitOffsets either = GroupLogitOffsets::fit(forecasts, 5);
        const GroupLogitOffsets upward = GroupLogitOffsets::fit(forecasts, 5, {}, AllowedShift::UpwardOnly);
        QVERIFY(either.offset("up") > 0.8 && either.offset("down") < -0.8);
        QCOMPARE(upward.offset("up"), either.offset("up"));
        QCOMPARE(upward.offset("down"), 0.0);
        QCOMPARE(upward.groups().at("down").fitted, either.groups().at("down").fitted);
        QCOMPARE(upward.betweenGroupSd(), either.betweenGroupSd());
    }

    void rejectsBadInput()
    {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, GroupLogitOffsets::fit(std::vector<GroupForecast>{{"A", 0, nan, 1}}, 1));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, GroupLogitOffsets::fit(std::vector<GroupForecast>{{"A", 0, 1.5, 1}}, 1));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, GroupLogitOffsets::fit(std::vector<GroupForecast>{{"A", 0, 0.5, 2}}, 1));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, GroupLogitOffsets::fit(std::vector<GroupForecast>{}, 0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, GroupLogitOffsets().apply("A", nan));
        const nlohmann::json noGroups = nlohmann::json::object();
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 GroupLogitOffsets::fromJson(nlohmann::json{{"between_group_sd", noGroups}, {"groups", {{"A", {{"offset", "x"}}}}}}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 GroupLogitOffsets::fromJson(nlohmann::json{{"between_group_sd", {{"", -1.0}}}, {"groups", noGroups}}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 GroupLogitOffsets::fromJson(nlohmann::json{{"between_group_sd", 0.1}, {"groups", noGroups}}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, GroupLogitOffsets::fromJson(nlohmann::json::array()));
    }

    void jsonRoundTrip()
    {
        std::vector<GroupForecast> forecasts;
        addGroup(forecasts, "NIFTY", 2000, -1.0, 3);
        addGroup(forecasts, "TCS", 2000, 0.0, 4);
        const GroupLogitOffsets offsets = GroupLogitOffsets::fit(forecasts, 5);
        const GroupLogitOffsets loaded = GroupLogitOffsets::fromJson(nlohmann::json::parse(offsets.toJson().dump()));
        QCOMPARE(loaded.toJson().dump(), offsets.toJson().dump());
        QCOMPARE(loaded.apply("NIFTY", 0.55), offsets.apply("NIFTY", 0.55));
    }
};

int runGroupOffsetsTests(int argc, char** argv)
{
    GroupOffsetsTests tests;
    return QTest::qExec(&tests, argc, argv);
}

#include "group_offsets_tests.moc"
