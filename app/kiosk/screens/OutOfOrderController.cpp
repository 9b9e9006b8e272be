// "Out of order" in every language of the market, after an error; the App starts a fresh visit
// after a while.
#include <imgui.h>

#include "screens/ScreenController.h"

namespace kiosk {
namespace {

class OutOfOrderController final : public ScreenController {
public:
    using ScreenController::ScreenController;

    ui::Intent draw(Visit&, const ui::ScreenView& view) override {
        std::string text;
        for (const auto& lang : m_ctx.catalog.market.languages)
            text += (text.empty() ? "" : "  ·  ") + m_ctx.catalog.ui("error.out_of_order", lang);
        ImGui::GetWindowDrawList()->AddText(view.fonts.large, view.fonts.large->FontSize,
                                            ImVec2(64 * view.scale, view.height * 0.45f), view.palette.text, text.c_str());
        return {};
    }
};

}  // namespace

std::unique_ptr<ScreenController> makeOutOfOrderController(KioskContext& ctx) {
    return std::make_unique<OutOfOrderController>(ctx);
}

}  // namespace kiosk
