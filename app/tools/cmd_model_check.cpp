#include "cmd_model_check.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/ContentLoader.h"
#include "render/ChordError.h"
#include "render/Importer.h"
#include "render/MeshCheck.h"
#include "render/RenderMapping.h"

namespace tools {

namespace {

using Groups = std::vector<std::vector<std::string>>;

std::vector<std::string> splitComma(const std::string& text) {
    std::vector<std::string> out;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ','))
        if (!item.empty()) out.push_back(item);
    return out;
}

bool contains(const std::vector<std::string>& list, const std::string& id) {
    return std::find(list.begin(), list.end(), id) != list.end();
}

// Two mapped parts never shown together: one is shown only when the other is ruled out, or
// both only on different trims.
bool exclusiveParts(const render::PartRule& p, const render::PartRule& q, const core::Model& model) {
    auto within = [](const std::vector<std::string>& when, const std::vector<std::string>& unless) {
        return !when.empty() && std::all_of(when.begin(), when.end(), [&](const auto& id) { return contains(unless, id); });
    };
    if (within(p.when, q.unless) || within(q.when, p.unless)) return true;
    auto trimsOnly = [&](const std::vector<std::string>& ids) {
        return !ids.empty() && std::all_of(ids.begin(), ids.end(), [&](const auto& id) { return model.findTrim(id) != nullptr; });
    };
    if (!trimsOnly(p.when) || !trimsOnly(q.when)) return false;
    return std::none_of(p.when.begin(), p.when.end(), [&](const auto& id) { return contains(q.when, id); });
}

// The alternatives the content's render mapping implies for FILE, when it maps FILE.
Groups mappedAlternatives(const std::string& file, const std::string& contentDir) {
    Groups groups;
    const core::LoadResult content = core::loadContent(contentDir);
    if (!content.ok()) return groups;
    const auto module = content.catalog->moduleFiles.find("render");
    if (module == content.catalog->moduleFiles.end()) return groups;
    core::ContentErrors errors;
    const render::RenderMapping mapping = render::loadRenderMapping(*content.catalog, module->second, errors);
    for (const auto& [id, m] : mapping.models) {
        std::error_code ec;
        if (!std::filesystem::equivalent(m.asset, file, ec)) continue;
        const core::Model* model = content.catalog->findModel(id);
        std::vector<std::string> wheels;
        for (const auto& [option, node] : m.wheels) wheels.push_back(node);
        groups.push_back(wheels);
        for (size_t i = 0; i < m.parts.size(); ++i)
            for (size_t j = i + 1; j < m.parts.size(); ++j)
                if (model && exclusiveParts(m.parts[i], m.parts[j], *model))
                    groups.push_back({m.parts[i].node, m.parts[j].node});
    }
    return groups;
}

Groups alternatives(const render::SceneData& scene, const std::string& file, const Args& args) {
    std::vector<std::string> wheelSets;  // the generator's names, for files the mapping does not name
    for (const auto& n : scene.nodes)
        if (n.name.rfind("wheels-", 0) == 0) wheelSets.push_back(n.name);
    Groups groups = {wheelSets};
    for (size_t i = 0; i + 1 < args.size(); ++i)
        if (args[i] == "--alternatives") groups.push_back(splitComma(args[i + 1]));
    for (auto& g : mappedAlternatives(file, optionValue(args, "--content", core::defaultContentDirectory())))
        groups.push_back(std::move(g));
    return groups;
}

nlohmann::json chordJson(const render::ChordReport& c) {
    if (!c.known) return {{"known", false}, {"why", c.why}};
    nlohmann::json j = {{"known", true},         {"passed", c.passed()}, {"level_of_detail", c.levelOfDetail},
                        {"limit_mm", c.limitMm}, {"triangles", c.triangles}, {"max_mm", c.maxMm},
                        {"p99_mm", c.p99Mm}};
    j["meshes"] = nlohmann::json::array();
    for (const auto& g : c.groups)
        j["meshes"].push_back({{"mesh", g.mesh},
                               {"material", g.material},
                               {"offset_mm", g.offsetMm},
                               {"triangles", g.triangles},
                               {"across_steps", g.acrossSteps},
                               {"max_mm", g.maxMm},
                               {"p99_mm", g.p99Mm},
                               {"worst", {g.worst.x, g.worst.y, g.worst.z}}});
    return j;
}

void printChord(const render::ChordReport& c) {
    if (!c.known) {
        std::printf("chord error: not known (%s)\n", c.why.c_str());
        return;
    }
    std::printf("chord error: max %.2f mm, p99 %.2f mm over %zu triangles on the recorded surface (limit %.1f mm, %s level "
                "of detail)\n",
                c.maxMm, c.p99Mm, c.triangles, c.limitMm, c.levelOfDetail.c_str());
    std::printf("  %-28s %9s %9s %8s %8s\n", "mesh (material)", "offset mm", "triangles", "max mm", "p99 mm");
    for (const auto& g : c.groups)
        std::printf("  %-28s %9.1f %9zu %8.2f %8.2f\n", (g.mesh + " (" + g.material + ")").c_str(), g.offsetMm, g.triangles,
                    g.maxMm, g.p99Mm);
}

nlohmann::json toJson(const std::string& file, const render::MeshCheckReport& r, const render::MeshCheckLimits& limits,
                      const render::ChordReport& chord) {
    nlohmann::json j;
    j["file"] = file;
    j["passed"] = r.passed();
    j["triangles"] = r.triangles;
    j["vertices"] = r.vertices;
    j["normals"] = {{"nan", r.nanNormals}, {"degenerate", r.degenerateNormals}};
    j["limits"] = {{"boundary_deviation_mm", limits.boundaryDeviationMm},
                   {"boundary_turn_deg", limits.boundaryTurnDegrees},
                   {"coplanar_tolerance_mm", limits.coplanarToleranceMm},
                   {"overlap_area_mm2", limits.overlapAreaMm2}};
    j["boundaries"] = nlohmann::json::array();
    for (const auto& b : r.boundaries)
        j["boundaries"].push_back({{"materials", {b.materialA, b.materialB}},
                                   {"nodes", {b.nodeA, b.nodeB}},
                                   {"edges", b.edges},
                                   {"length_mm", b.lengthMm},
                                   {"closed", b.closed},
                                   {"deviation_mm", b.deviationMm},
                                   {"max_turn_deg", b.maxTurnDegrees},
                                   {"worst", {b.worst.x, b.worst.y, b.worst.z}}});
    j["z_fighting"] = nlohmann::json::array();
    for (const auto& z : r.zFighting)
        j["z_fighting"].push_back({{"nodes", {z.nodeA, z.nodeB}},
                                   {"materials", {z.materialA, z.materialB}},
                                   {"triangle_pairs", z.trianglePairs},
                                   {"at", {z.at.x, z.at.y, z.at.z}}});
    j["chord_error"] = chordJson(chord);
    j["violations"] = r.violations;
    return j;
}

void printText(const std::string& file, const render::MeshCheckReport& r, const render::MeshCheckLimits& limits,
               const render::ChordReport& chord) {
    double deviation = 0, turn = 0;
    for (const auto& b : r.boundaries) {
        deviation = std::max(deviation, b.deviationMm);
        turn = std::max(turn, b.maxTurnDegrees);
    }
    std::printf("file: %s\ntriangles: %zu\nvertices: %zu\n", file.c_str(), r.triangles, r.vertices);
    std::printf("normals: %zu NaN, %zu not of unit length\n", r.nanNormals, r.degenerateNormals);
    std::printf("material boundaries: %zu polylines; worst %.2f mm from a smooth curve (limit %.2f), sharpest turn %.1f deg "
                "(limit %.1f)\n",
                r.boundaries.size(), deviation, limits.boundaryDeviationMm, turn, limits.boundaryTurnDegrees);
    const size_t shown = std::min<size_t>(r.boundaries.size(), 15);
    if (shown > 0) std::printf("  %-28s %-28s %6s %9s %9s %8s\n", "materials", "nodes", "edges", "length mm", "dev mm", "turn deg");
    for (size_t i = 0; i < shown; ++i) {
        const auto& b = r.boundaries[i];
        std::printf("  %-28s %-28s %6zu %9.0f %9.2f %8.1f%s\n", (b.materialA + "|" + b.materialB).c_str(),
                    (b.nodeA + "/" + b.nodeB).c_str(), b.edges, b.lengthMm, b.deviationMm, b.maxTurnDegrees,
                    b.closed ? " closed" : "");
    }
    if (shown < r.boundaries.size()) std::printf("  ... %zu more (--json lists all)\n", r.boundaries.size() - shown);
    std::printf("z-fighting: %zu part pairs\n", r.zFighting.size());
    for (const auto& z : r.zFighting)
        std::printf("  %s (%s) / %s (%s): %zu triangle pairs\n", z.nodeA.c_str(), z.materialA.c_str(), z.nodeB.c_str(),
                    z.materialB.c_str(), z.trianglePairs);
    printChord(chord);
    if (r.passed()) {
        std::printf("result: PASS\n");
        return;
    }
    std::printf("result: FAIL, %zu limits broken\n", r.violations.size());
    const size_t listed = std::min<size_t>(r.violations.size(), 20);
    for (size_t i = 0; i < listed; ++i) std::printf("  %s\n", r.violations[i].c_str());
    if (listed < r.violations.size()) std::printf("  ... %zu more (--json lists all)\n", r.violations.size() - listed);
}

}  // namespace

int modelCheck(const std::string& file, const Args& args) {
    for (size_t i = 1; i < args.size(); ++i) {
        if (args[i] == "--json") continue;
        if ((args[i] == "--alternatives" || args[i] == "--content") && i + 1 < args.size()) {
            ++i;
            continue;
        }
        std::fprintf(stderr, "kioskctl model check: unexpected argument \"%s\" (see kioskctl model --help)\n", args[i].c_str());
        return 2;
    }
    const render::ImportResult imported = render::importModel(file);
    if (!imported.ok()) {
        std::fprintf(stderr, "kioskctl model check: %s\n", imported.error.c_str());
        return 2;
    }
    const render::MeshCheckLimits limits;
    render::MeshCheckReport report = render::checkMesh(*imported.scene, limits, alternatives(*imported.scene, file, args));
    const render::ChordReport chord = render::measureChordError(*imported.scene, file);
    if (!chord.passed()) report.violations.push_back(chord.violation());
    if (hasFlag(args, "--json")) std::printf("%s\n", toJson(file, report, limits, chord).dump(2).c_str());
    else printText(file, report, limits, chord);
    return report.passed() ? 0 : 1;
}

}  // namespace tools
