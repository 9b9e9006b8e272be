#include "screens/ScreenController.h"

#include "VisitActions.h"

namespace kiosk {

void ScreenController::apply(Visit& visit, const ui::Intent& intent) {
    if (intent.back) backToCar(m_ctx, visit);
}

}  // namespace kiosk
