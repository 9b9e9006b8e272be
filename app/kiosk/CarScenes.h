#pragma once
// CarScenes: what the 3D car shows outside the configurator: the hero car of the attract loop and
// the full-window viewer of the command line (--model, --config, --trim). Free functions over the
// CarView the App owns.
#include <memory>

#include "CarView.h"
#include "KioskOptions.h"
#include "core/Catalog.h"

namespace kiosk {

// The renderer with the content's render mapping; null (and a log line) when it cannot start:
// the kiosk then draws flat pictures.
std::unique_ptr<CarView> startCarView(const core::Catalog& catalog);
// The first demo car, in the paint the showroom has on the floor, turning.
void showAttractCar(CarView* view, const core::Catalog& catalog);
// Sets up the viewer when the options ask for one; false when they do not. Throws on a bad option.
bool setupViewer(CarView* view, const core::Catalog& catalog, const KioskOptions& options);

}  // namespace kiosk
