#include "ui/CarSilhouette.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace ui {
namespace {

// Convex outline pieces in car coordinates: x from 0 (front bumper) to 1 (rear), y from 0 (ground)
// to 1 (roof). The body is split into a lower part and a glasshouse so each piece stays convex.
struct Profile {
    std::vector<ImVec2> lower;
    std::vector<ImVec2> cabin;
    std::vector<ImVec2> glass;
};

Profile profileFor(const std::string& style) {
    if (style == "sedan")
        return {{{0.0f, 0.16f}, {0.02f, 0.42f}, {0.10f, 0.55f}, {0.30f, 0.62f}, {0.80f, 0.62f}, {0.97f, 0.55f},
                 {1.0f, 0.40f}, {0.99f, 0.16f}, {0.95f, 0.10f}, {0.05f, 0.10f}},
                {{0.30f, 0.60f}, {0.45f, 0.97f}, {0.62f, 1.0f}, {0.74f, 0.94f}, {0.88f, 0.64f}, {0.86f, 0.60f}},
                {{0.35f, 0.63f}, {0.47f, 0.92f}, {0.61f, 0.94f}, {0.71f, 0.89f}, {0.82f, 0.64f}}};
    if (style == "suv")
        return {{{0.0f, 0.14f}, {0.01f, 0.45f}, {0.06f, 0.58f}, {0.22f, 0.64f}, {0.98f, 0.66f}, {1.0f, 0.50f},
                 {1.0f, 0.14f}, {0.96f, 0.08f}, {0.04f, 0.08f}},
                {{0.20f, 0.63f}, {0.33f, 0.98f}, {0.40f, 1.0f}, {0.94f, 1.0f}, {0.99f, 0.93f}, {0.99f, 0.64f}},
                {{0.26f, 0.66f}, {0.36f, 0.94f}, {0.93f, 0.94f}, {0.96f, 0.90f}, {0.96f, 0.66f}}};
    // hatchback
    return {{{0.0f, 0.16f}, {0.02f, 0.44f}, {0.10f, 0.57f}, {0.28f, 0.63f}, {0.97f, 0.64f}, {1.0f, 0.50f},
             {1.0f, 0.16f}, {0.96f, 0.10f}, {0.04f, 0.10f}},
            {{0.27f, 0.61f}, {0.42f, 0.97f}, {0.50f, 1.0f}, {0.88f, 0.99f}, {0.99f, 0.70f}, {0.99f, 0.62f}},
            {{0.33f, 0.64f}, {0.45f, 0.93f}, {0.86f, 0.94f}, {0.95f, 0.71f}, {0.95f, 0.64f}}};
}

}  // namespace

void drawCarSilhouette(ImDrawList* draw, const Rect& area, const core::Model& model, std::uint32_t paint,
                       const Palette& palette) {
    const auto& d = model.dimensions;
    const float lengthM = static_cast<float>(std::max(d.lengthMm, 1)) / 1000.0f;
    const float heightM = static_cast<float>(std::max(d.heightMm, 1)) / 1000.0f;
    // One scale for every car (a 5.4 m by 2 m box fills the area), so sizes compare across cards.
    const float pxPerM = std::min(area.w / 5.4f, area.h / 2.2f);
    const float carW = lengthM * pxPerM, carH = heightM * pxPerM;
    const float x0 = area.centerX() - carW * 0.5f;
    const float ground = area.y + area.h * 0.86f;
    auto at = [&](ImVec2 p) { return ImVec2(x0 + p.x * carW, ground - p.y * carH); };
    auto fill = [&](const std::vector<ImVec2>& pts, std::uint32_t color) {
        std::vector<ImVec2> px;
        for (const auto& p : pts) px.push_back(at(p));
        draw->AddConvexPolyFilled(px.data(), static_cast<int>(px.size()), color);
    };
    auto outline = [&](const std::vector<ImVec2>& pts) {
        std::vector<ImVec2> px;
        for (const auto& p : pts) px.push_back(at(p));
        draw->AddPolyline(px.data(), static_cast<int>(px.size()), palette.cardBorder, ImDrawFlags_Closed, 2.0f);
    };
    // A soft contact shadow: stacked translucent ellipses, widest and faintest first.
    for (int i = 0; i < 4; ++i) {
        const float k = 1.0f - 0.12f * static_cast<float>(i);
        std::vector<ImVec2> ellipse;
        for (int a = 0; a < 48; ++a) {
            const float t = static_cast<float>(a) / 48.0f * 6.2831853f;
            ellipse.emplace_back(x0 + carW * 0.5f + std::cos(t) * carW * 0.56f * k, ground + std::sin(t) * 10.0f * k);
        }
        draw->AddConvexPolyFilled(ellipse.data(), static_cast<int>(ellipse.size()), palette.floorShadow);
    }
    const Profile p = profileFor(model.bodyStyle);
    // Outlines first, so a white car still stands out from a white card.
    outline(p.cabin);
    outline(p.lower);
    fill(p.cabin, paint);
    fill(p.lower, paint);
    fill(p.glass, palette.glass);
    // Wheels at the real wheelbase, centred on the body's length.
    const float wheelbase = static_cast<float>(d.wheelbaseMm) / 1000.0f * pxPerM;
    const float radius = 0.36f * pxPerM;
    const float midX = x0 + carW * 0.5f;
    for (float cx : {midX - wheelbase * 0.5f, midX + wheelbase * 0.5f}) {
        const ImVec2 c(cx, ground - radius);
        draw->AddCircleFilled(c, radius, palette.tyre, 40);
        draw->AddCircleFilled(c, radius * 0.62f, palette.rim, 40);
        draw->AddCircleFilled(c, radius * 0.18f, palette.tyre, 20);
    }
}

std::uint32_t showcasePaint(const core::Catalog& catalog, const core::Model& model, const Palette& palette) {
    std::string paintId;
    for (const auto& d : catalog.showroom.demoFleet)
        if (d.model == model.id) {
            paintId = d.paint;
            break;
        }
    if (paintId.empty() && !model.trims.empty())
        if (auto it = model.trims.front().defaults.find("paint"); it != model.trims.front().defaults.end()) paintId = it->second;
    if (const core::Option* o = model.findOption(paintId); o && o->paint)
        return packColor(o->paint->baseColorSrgb[0], o->paint->baseColorSrgb[1], o->paint->baseColorSrgb[2]);
    return palette.rim;
}

}  // namespace ui
