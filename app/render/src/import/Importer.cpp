#include "render/Importer.h"

#include <assimp/GltfMaterial.h>
#include <assimp/material.h>
#include <assimp/postprocess.h>
#include <assimp/scene.h>
#include <stb_image.h>

#include <algorithm>
#include <assimp/Importer.hpp>
#include <chrono>
#include <climits>
#include <cstdint>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

namespace render {
namespace fs = std::filesystem;

namespace {

std::string lowerExtension(const std::string& path) {
    std::string ext = fs::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext;
}

bool readFile(const std::string& path, std::vector<std::uint8_t>& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    return true;
}

std::uint32_t readU32(const std::uint8_t* p) {
    return std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8 | std::uint32_t(p[2]) << 16 | std::uint32_t(p[3]) << 24;
}

// The JSON chunk of a .gltf or .glb, or an error naming what is wrong with the container.
std::optional<nlohmann::json> readGltfJson(const std::string& path, std::string& error) {
    std::vector<std::uint8_t> bytes;
    if (!readFile(path, bytes)) {
        error = "cannot read file";
        return std::nullopt;
    }
    std::string text;
    if (bytes.size() >= 4 && std::memcmp(bytes.data(), "glTF", 4) == 0) {
        if (bytes.size() < 20) {
            error = "truncated GLB: " + std::to_string(bytes.size()) + " bytes, shorter than its header";
            return std::nullopt;
        }
        const std::uint32_t total = readU32(bytes.data() + 8);
        if (total > bytes.size()) {
            error = "truncated GLB: header says " + std::to_string(total) + " bytes, file has " + std::to_string(bytes.size());
            return std::nullopt;
        }
        const std::uint32_t jsonLen = readU32(bytes.data() + 12);
        if (readU32(bytes.data() + 16) != 0x4E4F534Au || 20ull + jsonLen > bytes.size()) {
            error = "corrupt GLB: first chunk is not a complete JSON chunk";
            return std::nullopt;
        }
        text.assign(reinterpret_cast<const char*>(bytes.data() + 20), jsonLen);
    } else {
        text.assign(bytes.begin(), bytes.end());
    }
    try {
        return nlohmann::json::parse(text);
    } catch (const std::exception& e) {
        error = std::string("glTF JSON does not parse: ") + e.what();
        return std::nullopt;
    }
}

std::vector<std::string> stringList(const nlohmann::json& j, const char* key) {
    std::vector<std::string> out;
    if (j.contains(key) && j[key].is_array())
        for (const auto& v : j[key])
            if (v.is_string()) out.push_back(v.get<std::string>());
    return out;
}

// An 8x8 magenta/grey checker that stands in for a texture that could not be read.
TextureData placeholderTexture(const std::string& name) {
    TextureData t;
    t.name = name;
    t.width = t.height = 8;
    t.nearest = true;
    t.rgba.resize(8 * 8 * 4);
    for (int y = 0; y < 8; ++y)
        for (int x = 0; x < 8; ++x) {
            const bool on = ((x / 2) + (y / 2)) % 2 == 0;
            std::uint8_t* p = &t.rgba[(y * 8 + x) * 4];
            p[0] = on ? 230 : 90;
            p[1] = on ? 0 : 90;
            p[2] = on ? 230 : 90;
            p[3] = 255;
        }
    return t;
}

class Converter {
public:
    Converter(const aiScene& scene, std::string path, const ImportLimits& limits, bool gltf)
        : m_ai(scene), m_path(std::move(path)), m_limits(limits), m_gltf(gltf) {}

    SceneData convert() {
        m_out.sourcePath = m_path;
        m_out.cameras = static_cast<int>(m_ai.mNumCameras);
        for (unsigned i = 0; i < m_ai.mNumMaterials; ++i) m_out.materials.push_back(material(*m_ai.mMaterials[i]));
        if (m_out.materials.empty()) {
            MaterialData fallback;
            fallback.name = "default";
            m_out.materials.push_back(fallback);
        }
        for (unsigned i = 0; i < m_ai.mNumMeshes; ++i) m_out.meshes.push_back(mesh(*m_ai.mMeshes[i]));
        if (m_ai.mRootNode) node(*m_ai.mRootNode, -1);
        return std::move(m_out);
    }

private:
    static Mat4 toMat4(const aiMatrix4x4& a) {
        Mat4 r;
        for (int row = 0; row < 4; ++row)
            for (int col = 0; col < 4; ++col) r.at(row, col) = a[row][col];
        return r;
    }

    void node(const aiNode& n, int parent) {
        const int index = static_cast<int>(m_out.nodes.size());
        NodeData d;
        d.name = n.mName.C_Str();
        d.parent = parent;
        d.local = toMat4(n.mTransformation);
        for (unsigned i = 0; i < n.mNumMeshes; ++i) d.meshes.push_back(static_cast<int>(n.mMeshes[i]));
        m_out.nodes.push_back(std::move(d));
        if (parent >= 0) m_out.nodes[parent].children.push_back(index);
        for (unsigned i = 0; i < n.mNumChildren; ++i) node(*n.mChildren[i], index);
    }

    MeshData mesh(const aiMesh& m) {
        MeshData d;
        d.name = m.mName.C_Str();
        d.material = std::min<int>(static_cast<int>(m.mMaterialIndex), static_cast<int>(m_out.materials.size()) - 1);
        d.vertices.resize(m.mNumVertices);
        for (unsigned i = 0; i < m.mNumVertices; ++i) {
            Vertex& v = d.vertices[i];
            v.position = {m.mVertices[i].x, m.mVertices[i].y, m.mVertices[i].z};
            d.bounds.add(v.position);
            if (m.mNormals) v.normal = normalize({m.mNormals[i].x, m.mNormals[i].y, m.mNormals[i].z});
            if (m.mTextureCoords[0]) v.uv = {m.mTextureCoords[0][i].x, m.mTextureCoords[0][i].y};
            if (m.mColors[0]) v.color = {m.mColors[0][i].r, m.mColors[0][i].g, m.mColors[0][i].b, m.mColors[0][i].a};
            if (m.mTangents && m.mBitangents) {
                const Vec3 t{m.mTangents[i].x, m.mTangents[i].y, m.mTangents[i].z};
                const Vec3 b{m.mBitangents[i].x, m.mBitangents[i].y, m.mBitangents[i].z};
                const Vec3 tn = normalize(t - v.normal * dot(v.normal, t));
                v.tangent = {tn.x, tn.y, tn.z, dot(cross(v.normal, tn), b) < 0 ? -1.0f : 1.0f};
            } else {
                // Any vector perpendicular to the normal: no normal map can use it without UVs.
                const Vec3 a = std::fabs(v.normal.y) < 0.9f ? Vec3{0, 1, 0} : Vec3{1, 0, 0};
                const Vec3 tn = normalize(cross(a, v.normal));
                v.tangent = {tn.x, tn.y, tn.z, 1};
            }
        }
        d.indices.reserve(m.mNumFaces * 3);
        for (unsigned f = 0; f < m.mNumFaces; ++f) {
            const aiFace& face = m.mFaces[f];
            if (face.mNumIndices != 3) continue;  // points and lines (SortByPType keeps them apart)
            d.indices.insert(d.indices.end(), face.mIndices, face.mIndices + 3);
        }
        return d;
    }

    int texture(const std::string& rawPath, bool nearest) {
        const std::string key = rawPath + (nearest ? "#n" : "");
        if (auto it = m_textureIndex.find(key); it != m_textureIndex.end()) return it->second;
        TextureData t = decode(rawPath);
        t.nearest = t.nearest || nearest;
        const int index = static_cast<int>(m_out.textures.size());
        m_out.textures.push_back(std::move(t));
        m_textureIndex[key] = index;
        return index;
    }

    TextureData decode(const std::string& rawPath) {
        std::vector<std::uint8_t> bytes;
        const aiTexture* embedded = m_ai.GetEmbeddedTexture(rawPath.c_str());
        std::string where = rawPath;
        if (embedded) {
            if (embedded->mHeight != 0) {  // raw BGRA texels
                TextureData t;
                t.name = rawPath;
                t.width = static_cast<int>(embedded->mWidth);
                t.height = static_cast<int>(embedded->mHeight);
                if (t.width > m_limits.maxTextureSize || t.height > m_limits.maxTextureSize) return refuse(rawPath, t.width, t.height);
                t.rgba.resize(size_t(t.width) * t.height * 4);
                for (size_t i = 0; i < size_t(t.width) * t.height; ++i) {
                    const aiTexel& x = embedded->pcData[i];
                    t.rgba[i * 4 + 0] = x.r;
                    t.rgba[i * 4 + 1] = x.g;
                    t.rgba[i * 4 + 2] = x.b;
                    t.rgba[i * 4 + 3] = x.a;
                }
                return t;
            }
            const auto* p = reinterpret_cast<const std::uint8_t*>(embedded->pcData);
            bytes.assign(p, p + embedded->mWidth);
        } else {
            std::string rel = rawPath;
            std::replace(rel.begin(), rel.end(), '\\', '/');
            const fs::path file = fs::path(m_path).parent_path() / rel;
            where = file.string();
            if (!readFile(file.string(), bytes) || bytes.empty()) {
                m_out.warnings.push_back("texture " + rawPath + " is missing (" + where + "): placeholder used");
                return placeholderTexture(rawPath);
            }
        }
        int w = 0, h = 0, comp = 0;
        // PNG sizes come straight from the header: stb refuses to even report absurd ones.
        static const std::uint8_t kPng[8] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
        if (bytes.size() >= 24 && std::memcmp(bytes.data(), kPng, 8) == 0) {
            auto be32 = [&](size_t o) {
                return static_cast<std::int64_t>(bytes[o]) << 24 | bytes[o + 1] << 16 | bytes[o + 2] << 8 | bytes[o + 3];
            };
            const std::int64_t pw = be32(16), ph = be32(20);
            if (pw > m_limits.maxTextureSize || ph > m_limits.maxTextureSize)
                return refuse(rawPath, static_cast<int>(std::min<std::int64_t>(pw, INT32_MAX)),
                              static_cast<int>(std::min<std::int64_t>(ph, INT32_MAX)));
        }
        if (!stbi_info_from_memory(bytes.data(), static_cast<int>(bytes.size()), &w, &h, &comp)) {
            m_out.warnings.push_back("texture " + rawPath + " cannot be decoded (" + stbi_failure_reason() + "): placeholder used");
            return placeholderTexture(rawPath);
        }
        if (w > m_limits.maxTextureSize || h > m_limits.maxTextureSize) return refuse(rawPath, w, h);
        unsigned char* pixels = stbi_load_from_memory(bytes.data(), static_cast<int>(bytes.size()), &w, &h, &comp, 4);
        if (!pixels) {
            m_out.warnings.push_back("texture " + rawPath + " cannot be decoded (" + stbi_failure_reason() + "): placeholder used");
            return placeholderTexture(rawPath);
        }
        TextureData t;
        t.name = rawPath;
        t.width = w;
        t.height = h;
        t.rgba.assign(pixels, pixels + size_t(w) * h * 4);
        stbi_image_free(pixels);
        return t;
    }

    TextureData refuse(const std::string& rawPath, int w, int h) {
        m_out.warnings.push_back("texture " + rawPath + " is " + std::to_string(w) + "x" + std::to_string(h) +
                                 ", larger than the limit of " + std::to_string(m_limits.maxTextureSize) +
                                 " pixels a side: placeholder used");
        return placeholderTexture(rawPath);
    }

    TextureRef textureRef(const aiMaterial& mat, aiTextureType type, unsigned index = 0) {
        TextureRef ref;
        aiString path;
        if (mat.GetTextureCount(type) <= index || mat.GetTexture(type, index, &path) != AI_SUCCESS) return ref;
        int magFilter = 0;
        const bool nearest =
            mat.Get(AI_MATKEY_GLTF_MAPPINGFILTER_MAG(type, index), magFilter) == AI_SUCCESS && magFilter == 9728;  // GL_NEAREST
        ref.texture = texture(path.C_Str(), nearest);
        aiUVTransform tr;
        if (mat.Get(AI_MATKEY_UVTRANSFORM(type, index), tr) == AI_SUCCESS) {
            if (m_gltf) {
                // Undo Assimp's rewrite of KHR_texture_transform (rotation about the centre, V
                // flipped) to get glTF's own offset/rotation/scale, which the shader applies in
                // glTF UV space.
                const float rot = -tr.mRotation;
                const float c = std::cos(rot), s = std::sin(rot);
                ref.scale = {tr.mScaling.x, tr.mScaling.y};
                ref.rotation = rot;
                ref.offset.x = tr.mTranslation.x - 0.5f * tr.mScaling.x * (-c + s + 1);
                ref.offset.y = -(tr.mTranslation.y - 0.5f * tr.mScaling.y * (s + c - 1) - 1 + tr.mScaling.y);
            } else {
                ref.scale = {tr.mScaling.x, tr.mScaling.y};
                ref.offset = {tr.mTranslation.x, tr.mTranslation.y};
                ref.rotation = tr.mRotation;
            }
        }
        float f = 1;
        if (type == aiTextureType_NORMALS && mat.Get(AI_MATKEY_GLTF_TEXTURE_SCALE(type, index), f) == AI_SUCCESS) ref.strength = f;
        if (type == aiTextureType_LIGHTMAP && mat.Get(AI_MATKEY_GLTF_TEXTURE_STRENGTH(type, index), f) == AI_SUCCESS)
            ref.strength = f;
        return ref;
    }

    MaterialData material(const aiMaterial& mat) {
        MaterialData d;
        aiString name;
        if (mat.Get(AI_MATKEY_NAME, name) == AI_SUCCESS) d.name = name.C_Str();
        aiColor4D c;
        if (mat.Get(AI_MATKEY_BASE_COLOR, c) == AI_SUCCESS || mat.Get(AI_MATKEY_COLOR_DIFFUSE, c) == AI_SUCCESS)
            d.baseColor = {c.r, c.g, c.b, c.a};
        float f = 0;
        if (mat.Get(AI_MATKEY_METALLIC_FACTOR, f) == AI_SUCCESS) d.metallic = f;
        else if (!m_gltf) d.metallic = 0;  // OBJ/FBX without PBR keys: a dielectric
        if (mat.Get(AI_MATKEY_ROUGHNESS_FACTOR, f) == AI_SUCCESS) d.roughness = f;
        else if (!m_gltf) d.roughness = 0.6f;
        aiColor3D e;
        if (mat.Get(AI_MATKEY_COLOR_EMISSIVE, e) == AI_SUCCESS) d.emissive = {e.r, e.g, e.b};
        if (mat.Get(AI_MATKEY_EMISSIVE_INTENSITY, f) == AI_SUCCESS) d.emissiveStrength = f;
        if (mat.Get(AI_MATKEY_OPACITY, f) == AI_SUCCESS && f < 1 && !m_gltf) {
            d.baseColor.w = f;
            d.alphaMode = AlphaMode::Blend;
        }
        aiString mode;
        if (mat.Get(AI_MATKEY_GLTF_ALPHAMODE, mode) == AI_SUCCESS) {
            const std::string m = mode.C_Str();
            d.alphaMode = m == "BLEND" ? AlphaMode::Blend : (m == "MASK" ? AlphaMode::Mask : AlphaMode::Opaque);
        }
        if (mat.Get(AI_MATKEY_GLTF_ALPHACUTOFF, f) == AI_SUCCESS) d.alphaCutoff = f;
        int twoSided = 0;
        if (mat.Get(AI_MATKEY_TWOSIDED, twoSided) == AI_SUCCESS) d.doubleSided = twoSided != 0;
        if (mat.Get(AI_MATKEY_CLEARCOAT_FACTOR, f) == AI_SUCCESS) d.clearcoat = f;
        if (mat.Get(AI_MATKEY_CLEARCOAT_ROUGHNESS_FACTOR, f) == AI_SUCCESS) d.clearcoatRoughness = f;
        if (mat.Get(AI_MATKEY_TRANSMISSION_FACTOR, f) == AI_SUCCESS && f > 0) {
            // Transmission is drawn as tinted, blended glass: refraction is out of scope.
            d.transmission = f;
            if (d.alphaMode == AlphaMode::Opaque) {
                d.alphaMode = AlphaMode::Blend;
                d.baseColor.w = std::min(d.baseColor.w, 1.0f - 0.75f * f);
            }
        }
        d.baseColorTex = textureRef(mat, aiTextureType_BASE_COLOR);
        if (!d.baseColorTex.valid()) d.baseColorTex = textureRef(mat, aiTextureType_DIFFUSE);
        d.metallicRoughnessTex = textureRef(mat, aiTextureType_UNKNOWN);  // glTF metallicRoughnessTexture
        d.normalTex = textureRef(mat, aiTextureType_NORMALS);
        if (!d.normalTex.valid() && !m_gltf) d.normalTex = textureRef(mat, aiTextureType_HEIGHT);
        d.occlusionTex = textureRef(mat, aiTextureType_LIGHTMAP);  // glTF occlusion arrives as a lightmap
        d.emissiveTex = textureRef(mat, aiTextureType_EMISSIVE);
        if (d.emissiveTex.valid() && d.emissive.x == 0 && d.emissive.y == 0 && d.emissive.z == 0 && !m_gltf)
            d.emissive = {1, 1, 1};
        return d;
    }

    const aiScene& m_ai;
    std::string m_path;
    ImportLimits m_limits;
    bool m_gltf;
    SceneData m_out;
    std::map<std::string, int> m_textureIndex;
};

}  // namespace

bool isSupportedGltfExtension(const std::string& name) {
    static const std::set<std::string> supported = {
        "KHR_materials_clearcoat",     "KHR_texture_transform",  "KHR_materials_transmission",
        "KHR_materials_emissive_strength", "KHR_materials_sheen", "KHR_materials_volume",
        "KHR_materials_ior",           "KHR_materials_specular", "KHR_materials_unlit",
        "KHR_lights_punctual",         "KHR_materials_pbrSpecularGlossiness"};
    return supported.count(name) != 0;
}

GltfHeader readGltfHeader(const std::string& path) {
    GltfHeader h;
    const std::string ext = lowerExtension(path);
    if (ext != ".gltf" && ext != ".glb") return h;
    h.isGltf = true;
    std::string error;
    auto json = readGltfJson(path, error);
    if (!json) {
        h.error = error;
        return h;
    }
    h.extensionsUsed = stringList(*json, "extensionsUsed");
    h.extensionsRequired = stringList(*json, "extensionsRequired");
    if (json->contains("materials") && (*json)["materials"].is_array())
        for (const auto& m : (*json)["materials"])
            if (m.is_object() && m.contains("normalTexture")) h.normalTextures = true;
    return h;
}

void warmUpImporter() {
    Assimp::Importer importer;
    std::string extensions;
    importer.GetExtensionList(extensions);
    importer.ValidateFlags(aiProcess_Triangulate | aiProcess_GenSmoothNormals | aiProcess_CalcTangentSpace);
}

ImportResult importModel(const std::string& path, const ImportLimits& limits) {
    const auto start = std::chrono::steady_clock::now();
    ImportResult result;
    auto fail = [&](const std::string& why) {
        result.error = path + ": " + why;
        return result;
    };
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) return fail("no such file");
    const auto size = fs::file_size(path, ec);
    if (ec) return fail("cannot read file size");
    if (size > limits.maxFileBytes)
        return fail("file is " + std::to_string(size >> 20) + " MiB, larger than the limit of " +
                    std::to_string(limits.maxFileBytes >> 20) + " MiB");
    if (size == 0) return fail("file is empty");

    const GltfHeader header = readGltfHeader(path);
    if (header.isGltf) {
        if (!header.error.empty()) return fail(header.error);
        for (const auto& e : header.extensionsRequired)
            if (!isSupportedGltfExtension(e))
                return fail("requires glTF extension " + e + ", which this renderer does not support");
        // A missing external buffer makes Assimp fail with a vague message: name it here.
        std::string error;
        if (auto json = readGltfJson(path, error); json && json->contains("buffers") && (*json)["buffers"].is_array()) {
            int i = 0;
            for (const auto& b : (*json)["buffers"]) {
                if (b.contains("uri") && b["uri"].is_string()) {
                    const std::string uri = b["uri"].get<std::string>();
                    if (uri.rfind("data:", 0) != 0 && !fs::exists(fs::path(path).parent_path() / uri, ec))
                        return fail("buffer " + std::to_string(i) + " points at " + uri + ", which is missing");
                }
                ++i;
            }
        }
    }

    Assimp::Importer importer;
    importer.SetPropertyInteger(AI_CONFIG_PP_SBP_REMOVE, aiPrimitiveType_POINT | aiPrimitiveType_LINE);
    // Never PreTransformVertices or OptimizeGraph: they merge wheel nodes into the body.
    // glTF is indexed already: welding and cache reordering only cost load time (most of it for a
    // 200k-triangle car); tangents are computed only where a normal map needs them.
    unsigned flags = aiProcess_Triangulate | aiProcess_GenSmoothNormals | aiProcess_SortByPType |
                     aiProcess_RemoveRedundantMaterials | aiProcess_FindInvalidData;
    if (!header.isGltf) flags |= aiProcess_JoinIdenticalVertices | aiProcess_ImproveCacheLocality;
    if (!header.isGltf || header.normalTextures) flags |= aiProcess_CalcTangentSpace;
    const aiScene* scene = importer.ReadFile(path, flags);
    if (!scene) return fail(std::string("Assimp cannot import it: ") + importer.GetErrorString());
    if ((scene->mFlags & AI_SCENE_FLAGS_INCOMPLETE) || !scene->mRootNode || scene->mNumMeshes == 0)
        return fail("the file holds no complete scene with meshes");
    std::uint64_t triangles = 0;
    for (unsigned i = 0; i < scene->mNumMeshes; ++i) triangles += scene->mMeshes[i]->mNumFaces;
    if (triangles > limits.maxTriangles)
        return fail(std::to_string(triangles) + " triangles, more than the limit of " + std::to_string(limits.maxTriangles));

    Converter converter(*scene, path, limits, header.isGltf);
    result.scene = converter.convert();
    result.scene->extensionsUsed = header.extensionsUsed;
    for (const auto& e : header.extensionsUsed)
        if (!isSupportedGltfExtension(e)) result.scene->warnings.push_back("uses glTF extension " + e + ", ignored");
    result.importMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return result;
}

}  // namespace render
