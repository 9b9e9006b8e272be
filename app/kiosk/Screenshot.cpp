#include "Screenshot.h"

#include <epoxy/gl.h>
#include <stb_image_write.h>

#include <vector>

namespace kiosk {

std::string saveScreenshot(const std::string& path, int width, int height) {
    if (width <= 0 || height <= 0) return "the window has no pixels";
    std::vector<unsigned char> pixels(static_cast<size_t>(width) * static_cast<size_t>(height) * 3);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
    // GL's first row is the bottom of the window; PNG's is the top.
    stbi_flip_vertically_on_write(1);
    if (!stbi_write_png(path.c_str(), width, height, 3, pixels.data(), width * 3))
        return "cannot write " + path;
    return {};
}

}  // namespace kiosk
