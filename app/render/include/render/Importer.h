#pragma once
// Model import through Assimp 5.2 (glTF 2.0 .gltf/.glb, OBJ, FBX, ...) into SceneData.
// Pure function of the file; safe on any thread; never throws for bad input: a failed
// import is a value with the reason, ready to log and show as a placeholder.
#include <optional>
#include <string>
#include <vector>

#include "render/SceneData.h"

namespace render {

struct ImportLimits {
    std::uint64_t maxFileBytes = 512ull << 20;     // refuse larger files before reading them
    int maxTextureSize = 8192;                     // per side; larger textures are dropped with a warning
    std::uint64_t maxTriangles = 20'000'000;
};

struct ImportResult {
    std::optional<SceneData> scene;  // set on success
    std::string error;               // why it failed, naming the file
    double importMs = 0;             // Assimp read + conversion + texture decoding
    bool ok() const { return scene.has_value(); }
};

// What a glTF file declares, read from its JSON header without Assimp.
struct GltfHeader {
    bool isGltf = false;
    std::vector<std::string> extensionsUsed;
    std::vector<std::string> extensionsRequired;
    bool normalTextures = false;  // some material has a normal map (then tangents are computed)
    std::string error;  // set when the header itself is unreadable (truncated, not JSON)
};

GltfHeader readGltfHeader(const std::string& path);

// Extensions this importer handles correctly through Assimp 5.2 (a file that merely *uses*
// others still loads, without their effect; one that *requires* others is refused).
bool isSupportedGltfExtension(const std::string& name);

ImportResult importModel(const std::string& path, const ImportLimits& limits = {});

// Builds Assimp's importer and post-processing registry once, so that the first model's load
// does not pay for it (the showroom calls it on a worker at start-up). Any thread.
void warmUpImporter();

}  // namespace render
