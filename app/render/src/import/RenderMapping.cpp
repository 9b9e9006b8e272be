#include "render/RenderMapping.h"

#include <filesystem>

#include "core/ContentLoader.h"
#include "core/JsonReader.h"

namespace render {

const ModelMapping* RenderMapping::find(const std::string& modelId) const {
    auto it = models.find(modelId);
    return it == models.end() ? nullptr : &it->second;
}

std::optional<std::array<float, 3>> parseHexColor(const std::string& text) {
    if (text.size() != 7 || text[0] != '#') return std::nullopt;
    std::array<float, 3> c{};
    for (int i = 0; i < 3; ++i) {
        int v = 0;
        for (int k = 0; k < 2; ++k) {
            const char ch = text[1 + i * 2 + k];
            int d = 0;
            if (ch >= '0' && ch <= '9') d = ch - '0';
            else if (ch >= 'a' && ch <= 'f') d = ch - 'a' + 10;
            else if (ch >= 'A' && ch <= 'F') d = ch - 'A' + 10;
            else return std::nullopt;
            v = v * 16 + d;
        }
        c[i] = v / 255.0f;
    }
    return c;
}

namespace {

bool isModelPick(const core::Model& m, const std::string& id) { return m.findOption(id) || m.findTrim(id); }

// Car models ship with the software (assets/ beside the installed content), not with content: a
// content folder copied or published elsewhere (a kiosk's shelf of versions) finds "…/assets/cars/x.glb"
// in the installed assets folder when it is not beside the folder itself.
std::filesystem::path installedAsset(const std::filesystem::path& asset) {
    std::filesystem::path tail;
    for (const auto& part : asset)
        if (!tail.empty() || part == "assets") tail /= part;
    if (tail.empty()) return {};
    return std::filesystem::path(core::defaultContentDirectory()).parent_path() / tail;
}

}  // namespace

RenderMapping loadRenderMapping(const core::Catalog& catalog, const std::string& file, core::ContentErrors& errors) {
    RenderMapping out;
    auto json = core::parseJsonFile(file, errors);
    if (!json) return out;
    core::JsonReader r(file, errors);
    if (!r.expectObject(*json, "")) return out;
    r.allowOnly(*json, "", {"format", "models"});
    r.integer(*json, "", "format", 1, 1);
    const core::Json* models = r.object(*json, "", "models");
    if (!models) return out;
    const std::filesystem::path base = std::filesystem::path(file).parent_path();
    for (auto it = models->begin(); it != models->end(); ++it) {
        const std::string path = core::jsonPointer("/models", it.key());
        const core::Model* model = catalog.findModel(it.key());
        if (!model) {
            r.fail(path, "unknown model \"" + it.key() + "\"");
            continue;
        }
        const core::Json& m = it.value();
        if (!r.expectObject(m, path)) continue;
        r.allowOnly(m, path, {"asset", "paint_materials", "glass_materials", "light_materials", "interior_materials",
                              "interior_colors", "wheels", "parts"});
        ModelMapping mm;
        mm.modelId = it.key();
        if (auto asset = r.nonEmptyString(m, path, "asset")) {
            mm.asset = (base / *asset).lexically_normal().string();
            std::error_code ec;
            if (const auto installed = installedAsset(mm.asset);
                !std::filesystem::exists(mm.asset, ec) && !installed.empty() && std::filesystem::exists(installed, ec))
                mm.asset = installed.string();
            if (!std::filesystem::exists(mm.asset, ec))
                r.fail(core::jsonPointer(path, "asset"), "file \"" + mm.asset + "\" does not exist");
        }
        mm.paintMaterials = r.stringArray(m, path, "paint_materials");
        mm.glassMaterials = r.stringArray(m, path, "glass_materials", false);
        mm.lightMaterials = r.stringArray(m, path, "light_materials", false);
        mm.interiorMaterials = r.stringArray(m, path, "interior_materials", false);
        if (const core::Json* colors = r.object(m, path, "interior_colors", false)) {
            for (auto c = colors->begin(); c != colors->end(); ++c) {
                const std::string cp = core::jsonPointer(core::jsonPointer(path, "interior_colors"), c.key());
                const core::Option* o = model->findOption(c.key());
                if (!o || o->category != "interior") r.fail(cp, "\"" + c.key() + "\" is not an interior option of " + mm.modelId);
                auto rgb = c.value().is_string() ? parseHexColor(c.value().get<std::string>()) : std::nullopt;
                if (!rgb) r.fail(cp, "expected a colour \"#RRGGBB\"");
                else mm.interiorColorsSrgb[c.key()] = *rgb;
            }
        }
        if (const core::Json* wheels = r.object(m, path, "wheels")) {
            for (auto w = wheels->begin(); w != wheels->end(); ++w) {
                const std::string wp = core::jsonPointer(core::jsonPointer(path, "wheels"), w.key());
                const core::Option* o = model->findOption(w.key());
                if (!o || !o->wheel) r.fail(wp, "\"" + w.key() + "\" is not a wheel option of " + mm.modelId);
                if (!w.value().is_string() || w.value().get<std::string>().empty()) r.fail(wp, "expected a node name");
                else mm.wheels[w.key()] = w.value().get<std::string>();
            }
            for (const auto& o : model->options)
                if (o.wheel && !mm.wheels.count(o.id))
                    r.fail(core::jsonPointer(path, "wheels"), "wheel option \"" + o.id + "\" has no wheel node");
        }
        if (const core::Json* parts = r.array(m, path, "parts", false)) {
            for (size_t i = 0; i < parts->size(); ++i) {
                const std::string pp = core::jsonPointer(core::jsonPointer(path, "parts"), i);
                const core::Json& p = (*parts)[i];
                if (!r.expectObject(p, pp)) continue;
                r.allowOnly(p, pp, {"node", "when", "unless"});
                PartRule rule;
                rule.node = r.nonEmptyString(p, pp, "node").value_or("");
                rule.when = r.stringArray(p, pp, "when", false);
                rule.unless = r.stringArray(p, pp, "unless", false);
                for (const char* key : {"when", "unless"}) {
                    const auto& ids = std::string(key) == "when" ? rule.when : rule.unless;
                    for (size_t k = 0; k < ids.size(); ++k)
                        if (!isModelPick(*model, ids[k]))
                            r.fail(core::jsonPointer(core::jsonPointer(pp, key), k),
                                   "\"" + ids[k] + "\" is not a trim or option of " + mm.modelId);
                }
                if (rule.when.empty() && rule.unless.empty()) r.fail(pp, "a part needs \"when\" or \"unless\"");
                mm.parts.push_back(std::move(rule));
            }
        }
        out.models[mm.modelId] = std::move(mm);
    }
    return out;
}

CarLook resolveCarLook(const ModelMapping& mapping, const core::Model& model, const core::Configuration& config) {
    CarLook look;
    for (const auto& id : config.options) {
        const core::Option* o = model.findOption(id);
        if (o && o->paint) {
            look.paint = *o->paint;
            look.hasPaint = true;
        }
        if (auto it = mapping.interiorColorsSrgb.find(id); it != mapping.interiorColorsSrgb.end())
            look.interiorColorSrgb = it->second;
    }
    for (const auto& [option, node] : mapping.wheels) (config.has(option) ? look.shownNodes : look.hiddenNodes).insert(node);
    // With no wheel option picked (a partial configuration), show the first wheel set rather than none.
    bool anyWheel = false;
    for (const auto& [option, node] : mapping.wheels) anyWheel = anyWheel || config.has(option);
    if (!anyWheel && !mapping.wheels.empty()) {
        look.hiddenNodes.erase(mapping.wheels.begin()->second);
        look.shownNodes.insert(mapping.wheels.begin()->second);
    }
    for (const auto& part : mapping.parts) {
        bool on = part.when.empty();
        for (const auto& id : part.when) on = on || config.has(id);
        for (const auto& id : part.unless) on = on && !config.has(id);
        (on ? look.shownNodes : look.hiddenNodes).insert(part.node);
    }
    // A node named by several rules is shown when any of them shows it.
    for (const auto& n : look.shownNodes) look.hiddenNodes.erase(n);
    return look;
}

}  // namespace render
