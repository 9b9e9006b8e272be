#pragma once
// A PNG read back as 8-bit RGB, for tests that check the pixels of a screenshot.
#include <catch2/catch.hpp>
#include <stb_image.h>

#include <array>
#include <string>
#include <vector>

namespace testing_image {

struct Image {
    int width = 0, height = 0;
    std::vector<unsigned char> rgb;
    std::array<int, 3> at(int x, int y) const {
        const size_t i = (static_cast<size_t>(y) * static_cast<size_t>(width) + static_cast<size_t>(x)) * 3;
        return {rgb[i], rgb[i + 1], rgb[i + 2]};
    }
};

inline Image loadPng(const std::string& path) {
    Image img;
    int channels = 0;
    unsigned char* data = stbi_load(path.c_str(), &img.width, &img.height, &channels, 3);
    REQUIRE(data != nullptr);
    img.rgb.assign(data, data + static_cast<size_t>(img.width) * static_cast<size_t>(img.height) * 3);
    stbi_image_free(data);
    return img;
}

}  // namespace testing_image
