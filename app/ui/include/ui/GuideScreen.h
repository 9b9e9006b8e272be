#pragma once
// GuideScreen: "help me choose". Seven touch questions about the customer's week, each skippable,
// then up to three recommended cars with their reasons in benefits and what each gives up, or,
// when nothing fits, which answer rules everything out and what relaxing it would give. Draws
// from the view each frame; the answers are edited in place and the controller recomputes the
// recommendations when the results are asked for.
//
// Targets (for scripts): "back", "skip", "next", one per answer ("daily:40", "highway:0.3",
// "longest:300", "seats:5", "child:2", "luggage:normal", "home:yes", "climate:cold",
// "monthly:250000", "ceiling:25000000", "priority:cost"), and on the results "open:0".."open:2",
// "change" and, in advisor mode, "compare".
#include <optional>

#include "core/recommend/Recommend.h"
#include "ui/Screen.h"

namespace ui {

struct GuideView {
    const core::recommend::RecommendContent& content;
    core::recommend::Answers& answers;                         // edited by the screen
    int step = 0;                                              // 0..kGuideQuestions-1 questions, then the results
    const core::recommend::RecommendResult* result = nullptr;  // when showing the results
    bool advisor = false;                                      // advisor mode: offers the comparison of the first two
};

// What the customer asked for besides leaving the screen.
struct GuideIntent {
    std::optional<int> goToStep;  // next, skip, back to a question, or "change my answers"
    std::optional<size_t> open;   // open this recommendation in the configurator
    bool compare = false;         // advisor: the first two recommendations side by side
    bool changed = false;         // an answer changed
};

constexpr int kGuideQuestions = 7;

class GuideScreen {
public:
    Intent draw(const ScreenView& view, const GuideView& guide, GuideIntent& out) const;
    // Forgets the answers of one question (what "skip" does).
    static void clearStep(core::recommend::Answers& answers, int step);

private:
    void drawQuestion(const ScreenView& view, const GuideView& guide, GuideIntent& out, const Rect& area) const;
    // The cars in `area`; "change my answers" (and the advisor's comparison) in `row`.
    void drawResults(const ScreenView& view, const GuideView& guide, GuideIntent& out, const Rect& area, const Rect& row) const;
    void drawCard(const ScreenView& view, const core::recommend::Recommendation& r, size_t index, const Rect& card,
                  GuideIntent& out) const;
};

}  // namespace ui
