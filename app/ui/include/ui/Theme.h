#pragma once
// Theme: the kiosk's colours and ImGui style, sized for touch (scale 1 at 1080p).
#include <cstdint>

namespace ui {

struct Palette {
    std::uint32_t background = 0xFFF2F3F4;  // ImGui colours are ABGR: light cool grey
    std::uint32_t card = 0xFFFFFFFF;
    std::uint32_t cardPressed = 0xFFE6EEEC;
    std::uint32_t cardBorder = 0xFFDADDDF;
    std::uint32_t text = 0xFF1E1C1A;
    std::uint32_t textMuted = 0xFF6B6661;
    std::uint32_t accent = 0xFF6E760F;      // teal #0F766E
    std::uint32_t accentText = 0xFFFFFFFF;
    std::uint32_t tyre = 0xFF262626;
    std::uint32_t rim = 0xFFB4B4B4;
    std::uint32_t glass = 0xFF3C3630;
    std::uint32_t floorShadow = 0x12000000;
};

// Black on white with strong borders, for customers who need more contrast.
Palette highContrastPalette();

void applyTheme(float scale, const Palette& palette);

// Packs an sRGB colour (0..1 per channel) into ImGui's ABGR.
std::uint32_t packColor(float r, float g, float b, float a = 1.0f);

}  // namespace ui
