#pragma once
// FormWidgets: the pieces the kiosk's forms (test drive, site survey) share: a tappable card, a text
// field focused by a tap, a tick box with its wrapped label, and the on-screen keyboard typing into
// the focused field (a physical keyboard types into the same field). Personal text stays in the
// caller's SecureStrings. UI thread.
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/session/SecureString.h"
#include "ui/OnScreenKeyboard.h"
#include "ui/Screen.h"
#include "ui/Scroll.h"

namespace ui {

// A card-like tap target with a pressed look while the finger is down; records its target `id`.
bool tapArea(const ScreenView& view, const std::string& id, const Rect& r, std::uint32_t fill, std::uint32_t border,
             float borderPx = 1.5f);

// The bar of a form screen: back, the title, the accessibility and language buttons (kept low in
// low-reach mode). Returns the bar's y; the form starts below it.
float formHeader(const ScreenView& view, const std::string& title, const std::string& prefix, Intent& intent);
// A screen's title in its top bar between the back button and the accessibility button: one line
// of the large font, or, where that does not fit (portrait, large text), up to two of the body font.
void drawBarTitle(const ScreenView& view, const Rect& box, const std::string& title, const std::string& id);

// Which field has the keyboard, the keyboard's state, and the fields' errors.
struct FormFocus {
    std::string& focused;                         // field id, "" = keyboard closed
    KeyboardState& keyboard;
    std::map<std::string, std::string>& errors;   // field -> validation code
    std::function<std::string(const std::string& code)> message;  // code -> customer text
};

// A column of form rows from `x`, `w` wide; `y` advances past each row. `prefix` names the text
// ids for the text audit ("booking", "survey").
struct FormColumn {
    const ScreenView& view;
    std::string prefix;
    float x = 0, w = 0, y = 0;
    // Measuring: rows only advance `y` and note where each ends; nothing is drawn or recorded.
    bool measuring = false;
    std::vector<float> rowEnds{};
    // Drawing in a scrolled viewport: rows wholly outside it are skipped, targets are recorded as
    // far as they show, and a tap that ends a drag of the list is not a tap.
    const Rect* viewport = nullptr;
    bool tapsAllowed = true;
};

// Draws a form's rows (`rows` calls formField/formCheck on the column it is given) in `area`: as
// they are where they all fit, else in a viewport as tall as the whole rows that fit at rest, the
// rest reached by dragging the list (`scroll` keeps its position). Measures before drawing.
// Returns the height the rows' viewport takes.
float formRows(const ScreenView& view, const std::string& prefix, const Rect& area, ScrollState& scroll,
               const std::function<void(FormColumn&)>& rows);

// Label above, value (with the pinyin being typed and a caret when focused), error below.
// Tapping focuses it; `pinyinField` opens the keyboard in pinyin mode (names, places).
void formField(FormColumn& col, FormFocus& focus, const std::string& id, const std::string& label,
               const core::session::SecureString& value, bool pinyinField);
// A tick box with its wrapped label; the whole row toggles `value`. `required` draws it stronger.
void formCheck(FormColumn& col, const FormFocus& focus, const std::string& id, const std::string& label, bool& value,
               bool required);

// The keyboard mode for a field: digits for the mobile number, Latin for e-mail, else the
// keyboard's own choice (pinyin or Latin, switchable).
KeyboardMode fieldKeyboardMode(const std::string& field, KeyboardMode current);

// Draws the keyboard in `area` (empty: along the bottom, its natural height) and types into
// `target`; closes it on "done" and clears the field's error when it is edited. Returns true when
// the field changed.
bool formKeyboard(const ScreenView& view, FormFocus& focus, PinyinEngine* pinyin, core::session::SecureString& target,
                  bool allowModeSwitch, const Rect& area = {});

}  // namespace ui
