#pragma once
// FitCheckScreen: can this customer charge at home? Where they park, the property's consent,
// the cable run, the building's supply and the wallbox on offer; the plain answer beside it:
// what can be installed, how long charging takes for the configured car, the steps and
// documents, and the public-charging picture (with its weekly cost) when home is not possible.
#include <optional>

#include "core/charging/ChargingContent.h"
#include "core/charging/FitCheck.h"
#include "ui/Screen.h"
#include "ui/Scroll.h"

namespace ui {

struct FitCheckView {
    const core::charging::ChargingContent& content;
    core::charging::FitAnswers& answers;                 // edited by the screen
    const core::charging::FitAnswer* answer = nullptr;   // for the current answers
    const std::string& error;
    ScrollState* questionsScroll = nullptr;  // the questions, where they are taller than their column
    ScrollState* answerScroll = nullptr;     // the answer's words, where they are taller than its card leaves
};

class FitCheckScreen {
public:
    // Returns the intents; `changed` is set when an answer changed (the App recomputes).
    Intent draw(const ScreenView& view, const FitCheckView& fit, bool& changed) const;
};

}  // namespace ui
