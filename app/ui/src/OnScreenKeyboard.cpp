#include "ui/OnScreenKeyboard.h"

#include <imgui.h>

#include <algorithm>

#include "ui/PinyinEngine.h"
#include "ui/Widgets.h"
#include "ui/Metrics.h"

namespace ui {
namespace {

const char* const kLetterRows[] = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};
const char* const kDigitRows[] = {"123", "456", "789"};

void refresh(KeyboardState& state, PinyinEngine* pinyin) {
    state.candidates.clear();
    if (pinyin && !state.pinyin.empty()) state.candidates = pinyin->candidates(state.pinyin.str(), 10);
}

// One key: a touch target that shows its pressed state while the finger is down.
bool key(const ScreenView& view, const std::string& id, const std::string& label, const Rect& r, bool accent = false) {
    ImGui::SetCursorScreenPos(ImVec2(r.x, r.y));
    ImGui::PushID(id.c_str());
    const bool tapped = ImGui::InvisibleButton("k", ImVec2(r.w, r.h));
    const bool down = ImGui::IsItemActive();
    ImGui::PopID();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const auto& pal = view.palette;
    const std::uint32_t fill = accent ? (down ? 0xFF4E5609 : pal.accent) : (down ? pal.cardPressed : pal.card);
    draw->AddRectFilled(ImVec2(r.x, r.y), ImVec2(r.x + r.w, r.y + r.h), fill, 14 * view.scale);
    draw->AddRect(ImVec2(r.x, r.y), ImVec2(r.x + r.w, r.y + r.h), pal.cardBorder, 14 * view.scale);
    ImFont* font = view.fonts.large;
    const ImVec2 size = font->CalcTextSizeA(font->FontSize, 1e9f, 0, label.c_str());
    draw->AddText(font, font->FontSize, ImVec2(r.centerX() - size.x / 2, r.centerY() - size.y / 2),
                  accent ? pal.accentText : pal.text, label.c_str());
    if (view.hits) view.hits->add("key:" + id, r);
    return tapped;
}

}  // namespace

KeyboardMode nameKeyboardMode(const std::string& language) {
    return language.rfind("zh", 0) == 0 ? KeyboardMode::Pinyin : KeyboardMode::Latin;
}

void KeyboardState::wipe() {
    pinyin.wipe();
    candidates.clear();
    shift = false;
}

float OnScreenKeyboard::height(KeyboardMode mode, float scale) {
    const float row = 104 * scale, gap = 12 * scale;
    return mode == KeyboardMode::Digits ? 4 * row + 5 * gap : 5 * row + 6 * gap;  // letters: + candidate bar
}

void OnScreenKeyboard::pressLetter(KeyboardState& state, PinyinEngine* pinyin, char letter, KeyboardEdit& edit) const {
    if (state.mode == KeyboardMode::Pinyin && pinyin && pinyin->ok()) {
        if (state.pinyin.size() < 32) state.pinyin.append(std::string(1, letter));
        refresh(state, pinyin);
        return;
    }
    edit.insert += state.shift ? static_cast<char>(letter - 'a' + 'A') : letter;
    state.shift = false;
}

void OnScreenKeyboard::pressBackspace(KeyboardState& state, PinyinEngine* pinyin, KeyboardEdit& edit) const {
    if (!state.pinyin.empty()) {
        state.pinyin.popBackCodepoint();
        refresh(state, pinyin);
        return;
    }
    ++edit.backspaces;
}

void OnScreenKeyboard::pressSpace(KeyboardState& state, KeyboardEdit& edit) const {
    if (!state.candidates.empty()) chooseCandidate(state, 0, edit);
    else if (state.pinyin.empty()) edit.insert += ' ';
}

void OnScreenKeyboard::chooseCandidate(KeyboardState& state, size_t index, KeyboardEdit& edit) const {
    if (index >= state.candidates.size()) return;
    edit.insert += state.candidates[index];
    state.pinyin.wipe();
    state.candidates.clear();
}

KeyboardEdit OnScreenKeyboard::typeCharacters(KeyboardState& state, PinyinEngine* pinyin,
                                              const std::u32string& chars) const {
    KeyboardEdit edit;
    for (char32_t c : chars) {
        if (c == 0x08) pressBackspace(state, pinyin, edit);
        else if (c == '\n' || c == '\r') {
            if (!state.candidates.empty()) chooseCandidate(state, 0, edit);
            else edit.done = true;
        } else if (c == ' ') {
            if (state.mode != KeyboardMode::Digits) pressSpace(state, edit);
        }
        else if (c >= '1' && c <= '9' && !state.candidates.empty() && state.mode == KeyboardMode::Pinyin)
            chooseCandidate(state, static_cast<size_t>(c - '1'), edit);  // as on a desktop input method
        else if (c >= 'a' && c <= 'z' && state.mode != KeyboardMode::Digits) pressLetter(state, pinyin, static_cast<char>(c), edit);
        else if (c >= 0x20 && c != 0x7F) {
            if (state.mode == KeyboardMode::Digits && !((c >= '0' && c <= '9') || c == '+')) continue;
            appendUtf8(edit.insert, c);
        }
    }
    return edit;
}

KeyboardEdit OnScreenKeyboard::drawAndType(const ScreenView& view, KeyboardState& state, PinyinEngine* pinyin,
                                           const Rect& area, bool allowModeSwitch) const {
    KeyboardEdit edit = draw(view, state, pinyin, area, allowModeSwitch);
    std::u32string typed;
    for (ImWchar ch : ImGui::GetIO().InputQueueCharacters) typed += static_cast<char32_t>(ch);
    if (!typed.empty()) {
        KeyboardEdit more = typeCharacters(state, pinyin, typed);
        edit.insert += more.insert;
        edit.backspaces += more.backspaces;
        edit.done = edit.done || more.done;
    }
    return edit;
}

KeyboardEdit OnScreenKeyboard::draw(const ScreenView& view, KeyboardState& state, PinyinEngine* pinyin, const Rect& area,
                                    bool allowModeSwitch) const {
    KeyboardEdit edit;
    const float s = view.scale;
    const Metrics sizes = metricsFor(view.scale);
    // Rows of the natural height, or shorter in an area given less room (beside a form).
    const float rows = state.mode == KeyboardMode::Digits ? 4 : 5;
    const float gap = sizes.spacing, row = std::min(104 * s, (area.h - (rows + 1) * gap) / rows);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(ImVec2(area.x, area.y), ImVec2(area.x + area.w, area.y + area.h), 0xFFE4E6E8);
    float y = area.y + gap;

    if (state.mode == KeyboardMode::Digits) {
        const float w = (area.w - 4 * gap) / 3;
        for (int r = 0; r < 3; ++r, y += row + gap)
            for (int c = 0; c < 3; ++c) {
                const char d = kDigitRows[r][c];
                if (key(view, std::string(1, d), std::string(1, d), {area.x + gap + static_cast<float>(c) * (w + gap), y, w, row}))
                    edit.insert += d;
            }
        if (key(view, "plus", "+", {area.x + gap, y, w, row})) edit.insert += '+';
        if (key(view, "0", "0", {area.x + gap + w + gap, y, w, row})) edit.insert += '0';
        const float half = (w - gap) / 2;
        if (key(view, "backspace", "←", {area.x + gap + 2 * (w + gap), y, half, row})) ++edit.backspaces;
        if (key(view, "done", "✓", {area.x + gap + 2 * (w + gap) + half + gap, y, half, row}, true)) edit.done = true;
        return edit;
    }

    if (state.mode == KeyboardMode::Latin) {
        // Latin text (e-mail, codes, an advisor's sign-in) needs digits where pinyin shows candidates.
        const float dw = (area.w - 11 * gap) / 10;
        float dx = area.x + gap;
        for (char d : std::string("1234567890")) {
            if (key(view, std::string(1, d), std::string(1, d), {dx, y, dw, row})) edit.insert += d;
            dx += dw + gap;
        }
    } else {
        // Candidate bar: the pinyin typed so far and the hanzi it can become.
        const Rect bar{area.x + gap, y, area.w - 2 * gap, row};
        draw->AddRectFilled(ImVec2(bar.x, bar.y), ImVec2(bar.x + bar.w, bar.y + bar.h), view.palette.card, 14 * s);
        float cx = bar.x + 20 * s;
        if (!state.pinyin.empty()) {
            const std::string typed(state.pinyin.view());
            draw->AddText(view.fonts.body, view.fonts.body->FontSize, ImVec2(cx, bar.y + (row - view.fonts.body->FontSize) * 0.5f),
                          view.palette.textMuted, typed.c_str());
            cx += view.fonts.body->CalcTextSizeA(view.fonts.body->FontSize, 1e9f, 0, typed.c_str()).x + 30 * s;
        }
        for (size_t i = 0; i < state.candidates.size(); ++i) {
            const std::string& cand = state.candidates[i];
            const float w = view.fonts.large->CalcTextSizeA(view.fonts.large->FontSize, 1e9f, 0, cand.c_str()).x + 48 * s;
            if (cx + w > bar.x + bar.w) break;
            if (key(view, "cand" + std::to_string(i), cand, {cx, bar.y + 6 * s, w, row - sizes.spacing})) chooseCandidate(state, i, edit);
            cx += w + gap;
        }
    }
    y += row + gap;

    const float w = (area.w - 11 * gap) / 10;
    for (int r = 0; r < 3; ++r, y += row + gap) {
        const std::string letters = kLetterRows[r];
        float x = area.x + gap + (10 - static_cast<float>(letters.size())) * (w + gap) / 2;
        if (r == 2) {
            x = area.x + gap;
            if (key(view, "shift", state.shift ? "⇧" : "⇧", {x, y, w * 1.5f, row}, state.shift)) state.shift = !state.shift;
            x += w * 1.5f + gap;
        }
        for (char ch : letters) {
            const std::string label(1, state.shift && state.mode == KeyboardMode::Latin ? static_cast<char>(ch - 'a' + 'A') : ch);
            if (key(view, std::string(1, ch), label, {x, y, w, row})) pressLetter(state, pinyin, ch, edit);
            x += w + gap;
        }
        if (r == 2 && key(view, "backspace", "←", {x, y, area.x + area.w - gap - x, row})) pressBackspace(state, pinyin, edit);
    }
    float x = area.x + gap;
    if (allowModeSwitch) {
        const bool pinyinOn = state.mode == KeyboardMode::Pinyin;
        if (key(view, "mode", pinyinOn ? "中" : "EN", {x, y, w * 1.5f, row}, true)) {
            state.mode = pinyinOn ? KeyboardMode::Latin : KeyboardMode::Pinyin;
            state.pinyin.wipe();
            state.candidates.clear();
        }
        x += w * 1.5f + gap;
    }
    for (const char* sym : {"@", ".", "-"}) {
        if (key(view, sym, sym, {x, y, w, row})) edit.insert += sym;
        x += w + gap;
    }
    const float doneW = w * 1.5f;
    const float spaceW = area.x + area.w - gap - doneW - gap - x;
    if (key(view, "space", "␣", {x, y, spaceW, row})) pressSpace(state, edit);
    if (key(view, "done", "✓", {x + spaceW + gap, y, doneW, row}, true)) edit.done = true;
    return edit;
}

}  // namespace ui
