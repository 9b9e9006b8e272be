#pragma once
// GuideScreen: "help me choose". Seven touch questions about the customer's week, each skippable,
// then up to three recommended cars with their reasons in benefits and what each gives up, or,
// when nothing fits, which answer rules everything out. Draws from the view each frame; the
// answers are edited in place and the controller recomputes the recommendations.
#include <optional>

#include "core/recommend/Recommend.h"
#include "ui/Screen.h"

namespace ui {

struct GuideView {
    const core::recommend::RecommendContent& content;
    core::recommend::Answers& answers;                      // edited by the screen
    int step = 0;                                           // 0..kGuideQuestions-1 questions, then results
    const core::recommend::RecommendResult* result = nullptr;  // when showing the results
};

// What the customer asked for besides editing an answer.
struct GuideAction {
    std::optional<int> goToStep;   // next, skip, back to a question, or "change answers"
    std::optional<size_t> open;    // open this recommendation in the configurator
    bool changed = false;          // an answer changed
};

constexpr int kGuideQuestions = 7;

class GuideScreen {
public:
    Intent draw(const ScreenView& view, const GuideView& guide, GuideAction& action) const;
    // Forgets the answers of one question (what "skip" does).
    static void clearStep(core::recommend::Answers& answers, int step);

private:
    void drawResults(const ScreenView& view, const GuideView& guide, GuideAction& action, const Rect& area) const;
};

}  // namespace ui
