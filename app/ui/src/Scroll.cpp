#include "ui/Scroll.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

namespace ui {

ScrollArea::ScrollArea(const ScreenView& view, ScrollState& st, const Rect& viewport, float contentHeight)
    : m_view(view), m_state(st), m_viewport(viewport), m_contentHeight(contentHeight) {
    const ImGuiIO& io = ImGui::GetIO();
    const double dtRaw = st.lastTime < 0 ? 0.0 : view.timeSeconds - st.lastTime;
    const float dt = static_cast<float>(std::clamp(dtRaw, 0.0, 0.1));
    st.lastTime = view.timeSeconds;
    const float maxOffset = std::max(0.0f, contentHeight - viewport.h);
    const ImVec2 mouse = io.MousePos;
    const bool inside = mouse.x >= viewport.x && mouse.x < viewport.x + viewport.w && mouse.y >= viewport.y &&
                        mouse.y < viewport.y + viewport.h;
    if (ImGui::IsMouseClicked(0) && inside) {
        st.dragging = true;
        st.lastY = mouse.y;
        // A touch stops a gliding list, as on a phone; that touch is not also a tap on a row.
        st.moved = std::fabs(st.velocity) > kStopSpeedPx * view.scale ? kSlopPx * view.scale : 0;
        st.velocity = 0;
    } else if (st.dragging && ImGui::IsMouseDown(0)) {
        const float dy = mouse.y - st.lastY;
        st.lastY = mouse.y;
        st.offset -= dy;
        st.moved += std::fabs(dy);
        if (dt > 0) st.velocity = 0.6f * (-dy / dt) + 0.4f * st.velocity;  // smoothed finger speed
    } else if (st.dragging) {
        st.dragging = false;  // lifted: the list keeps the finger's speed and glides
    } else if (st.velocity != 0) {
        st.offset += st.velocity * dt;
        st.velocity *= std::exp(-kFrictionPerSecond * dt);
        if (std::fabs(st.velocity) < kStopSpeedPx * view.scale) st.velocity = 0;
    }
    if (st.offset < 0 || st.offset > maxOffset) {
        st.offset = std::clamp(st.offset, 0.0f, maxOffset);
        if (!st.dragging) st.velocity = 0;
    }
    ImGui::PushClipRect(ImVec2(viewport.x, viewport.y), ImVec2(viewport.x + viewport.w, viewport.y + viewport.h), true);
}

ScrollArea::~ScrollArea() {
    ImGui::PopClipRect();
    if (m_contentHeight <= m_viewport.h) return;
    // The position bar: where the visible part lies in the whole list.
    const float s = m_view.scale, barW = 6 * s;
    const float share = m_viewport.h / m_contentHeight;
    const float maxOffset = m_contentHeight - m_viewport.h;
    const float barH = std::max(40 * s, m_viewport.h * share);
    const float y = m_viewport.y + (m_viewport.h - barH) * (maxOffset > 0 ? m_state.offset / maxOffset : 0);
    const float x = m_viewport.x + m_viewport.w - barW;
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(x, y), ImVec2(x + barW, y + barH), m_view.palette.textMuted, barW);
}

bool ScrollArea::tapsAllowed() const {
    return m_state.moved < kSlopPx * m_view.scale;
}

bool ScrollArea::visible(float y, float h) const {
    const float top = y - m_state.offset;
    return top + h > m_viewport.y && top < m_viewport.y + m_viewport.h;
}

}  // namespace ui
