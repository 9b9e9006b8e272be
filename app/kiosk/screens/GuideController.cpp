// The buying guide: seven skippable questions about the customer's week, then up to three cars
// from the Recommender; one tap opens a car in the configurator exactly as recommended. In advisor
// mode the first two can be compared side by side. The answers live in the visit (wiped with it)
// and hold nothing personal; the Recommender (priced candidate cars, built once on today's date)
// is the controller's, as it outlives visits.
#include <algorithm>
#include <optional>

#include "VisitActions.h"
#include "core/recommend/GuideInsight.h"
#include "screens/GuideEntry.h"
#include "screens/ScreenController.h"
#include "ui/GuideScreen.h"

namespace kiosk {

void openGuide(KioskContext& ctx, Visit& visit, ScreenId returnTo) {
    GuideState& g = visit.guide;
    g.returnTo = returnTo;
    g.step = 0;
    g.result.reset();
    // The fit check answers "can you charge at home?" already when the customer took it.
    if (!g.answers.homeCharging && visit.fit.answer)
        g.answers.homeCharging = visit.fit.answer->verdict != core::charging::Verdict::NotPossible;
    visit.screen = ScreenId::Guide;
    (void)ctx;
}

namespace {

class GuideController final : public ScreenController {
public:
    explicit GuideController(KioskContext& ctx) : ScreenController(ctx) { ctx.insight.allowGuide(ctx.content.recommend); }

    ui::Intent draw(Visit& visit, const ui::ScreenView& view) override {
        GuideState& g = visit.guide;
        if (g.step >= ui::kGuideQuestions && !g.result) showResults(visit, view);
        const ui::GuideView gv{m_ctx.content.recommend, g.answers, g.step, g.result ? &*g.result : nullptr,
                               g.returnTo == ScreenId::Advisor && visit.advisor.unlocked};
        ui::GuideIntent out;
        const ui::Intent intent = m_screen.draw(view, gv, out);
        if (out.changed) g.result.reset();
        if (out.goToStep) {
            g.step = std::clamp(*out.goToStep, 0, ui::kGuideQuestions);
            if (g.step < ui::kGuideQuestions) g.result.reset();
        }
        if (g.result && out.open && *out.open < g.result->recommendations.size()) open(visit, *out.open);
        else if (g.result && out.compare && g.result->recommendations.size() >= 2) compareFirstTwo(visit);
        return intent;
    }
    void apply(Visit& visit, const ui::Intent& intent) override {
        if (intent.back) visit.screen = visit.guide.returnTo;
    }

private:
    const core::recommend::Recommender& recommender() {
        if (!m_recommender || m_builtFor != m_ctx.today) {
            const KioskContent& k = m_ctx.content;
            m_recommender.emplace(k.catalog, k.pricing, k.range, k.recommend, m_ctx.today);
            m_builtFor = m_ctx.today;
        }
        return *m_recommender;
    }

    // Computes the recommendations for the answers; every character they show gets a glyph.
    void showResults(Visit& visit, const ui::ScreenView& view) {
        GuideState& g = visit.guide;
        g.result = recommender().recommend(g.answers);
        std::string shown;
        for (const auto& r : g.result->recommendations) {
            for (const auto& [id, text] : r.reasons) shown += text.get(visit.session.language);
            for (const auto& [id, text] : r.givesUp) shown += text.get(visit.session.language);
        }
        for (const auto& b : g.result->blockers) shown += b.text.get(visit.session.language);
        g.missingGlyphs = view.fonts.missingGlyphs(shown).size();
        if (g.missingGlyphs > 0) m_ctx.coverGlyphs(shown);
        // Demand insight: each answer once per visit (a changed answer is a new one).
        std::vector<std::pair<std::string, std::string>> fresh;
        for (auto& a : core::recommend::answerIds(g.answers, m_ctx.content.recommend))
            if (std::find(g.reported.begin(), g.reported.end(), a) == g.reported.end()) fresh.push_back(a);
        m_ctx.insight.guideAnswered(fresh, m_ctx.nowSeconds());
        g.reported.insert(g.reported.end(), fresh.begin(), fresh.end());
    }

    void open(Visit& visit, size_t index) {
        const core::recommend::Recommendation& r = visit.guide.result->recommendations[index];
        openConfiguration(m_ctx, visit, r.config);
        m_ctx.insight.recommendationTaken(r.config, index, m_ctx.nowSeconds());
    }

    // Advisor: the second car kept for comparison, the first open, side by side.
    void compareFirstTwo(Visit& visit) {
        const auto recs = visit.guide.result->recommendations;
        openConfiguration(m_ctx, visit, recs[1].config);
        refreshSummary(m_ctx, visit);
        visit.compare.keptCar = visit.session.configuration;
        visit.compare.keptColumn = compareColumn(m_ctx, visit);
        openConfiguration(m_ctx, visit, recs[0].config);
        refreshSummary(m_ctx, visit);
        visit.screen = ScreenId::Compare;
    }

    ui::GuideScreen m_screen;
    std::optional<core::recommend::Recommender> m_recommender;
    core::pricing::Date m_builtFor;
};

}  // namespace

std::unique_ptr<ScreenController> makeGuideController(KioskContext& ctx) { return std::make_unique<GuideController>(ctx); }

}  // namespace kiosk
