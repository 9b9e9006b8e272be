#pragma once
// Writes the current back buffer of the bound GL context to a PNG file.
#include <string>

namespace kiosk {

// Returns an empty string on success, else what went wrong.
std::string saveScreenshot(const std::string& path, int width, int height);

}  // namespace kiosk
