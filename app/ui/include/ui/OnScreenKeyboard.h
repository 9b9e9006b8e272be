#pragma once
// OnScreenKeyboard: the keyboard the kiosk draws itself (a kiosk has no input method): digits for
// phone numbers and PINs, Latin letters for e-mail, and Chinese by pinyin with a candidate bar.
// A physical keyboard feeds the same state. UI thread; the state is part of the customer
// session and is wiped with it.
#include <string>
#include <vector>

#include "core/session/SecureString.h"
#include "ui/Screen.h"

namespace ui {

class PinyinEngine;

enum class KeyboardMode { Pinyin, Latin, Digits };

struct KeyboardState {
    KeyboardMode mode = KeyboardMode::Pinyin;
    bool shift = false;
    core::session::SecureString pinyin;   // letters typed but not yet turned into hanzi
    std::vector<std::string> candidates;  // for `pinyin`, best first
    void wipe();
};

// The mode a name field's keyboard starts in: pinyin on a Chinese screen, Latin letters otherwise
// (an English visitor types "Anna", not 安娜); the 中/EN key switches it either way.
KeyboardMode nameKeyboardMode(const std::string& language);

// What the keyboard did to the focused field this frame.
struct KeyboardEdit {
    std::string insert;   // UTF-8 to append
    int backspaces = 0;   // characters to delete from the end first
    bool done = false;    // the customer closed the keyboard
};

class OnScreenKeyboard {
public:
    // Height of the keyboard for the mode (the caller reserves it at the bottom of the screen).
    static float height(KeyboardMode mode, float scale);
    // The keys fill `area`: rows of the natural height, or shorter where it gives less room.
    // `allowModeSwitch`: offer the 中/EN key (names); digits-only fields pass false.
    KeyboardEdit draw(const ScreenView& view, KeyboardState& state, PinyinEngine* pinyin, const Rect& area,
                      bool allowModeSwitch) const;
    // draw() plus this frame's characters from a physical keyboard, as one edit.
    KeyboardEdit drawAndType(const ScreenView& view, KeyboardState& state, PinyinEngine* pinyin, const Rect& area,
                             bool allowModeSwitch) const;
    // Characters from a physical keyboard (ImGui's input queue), handled like taps on the same keys.
    KeyboardEdit typeCharacters(KeyboardState& state, PinyinEngine* pinyin, const std::u32string& chars) const;

private:
    void pressLetter(KeyboardState& state, PinyinEngine* pinyin, char letter, KeyboardEdit& edit) const;
    void pressBackspace(KeyboardState& state, PinyinEngine* pinyin, KeyboardEdit& edit) const;
    void pressSpace(KeyboardState& state, KeyboardEdit& edit) const;
    void chooseCandidate(KeyboardState& state, size_t index, KeyboardEdit& edit) const;
};

}  // namespace ui
