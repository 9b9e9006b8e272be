#include "core/pricing/Sampling.h"

#include <map>

namespace core::pricing {
namespace {

std::uint64_t splitMix64(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

}  // namespace

std::vector<Configuration> enumerateValidConfigurations(const Catalog& catalog) {
    std::vector<Configuration> out;
    for (const auto& model : catalog.models) {
        for (const auto& trim : model.trims) {
            std::map<std::string, std::vector<std::string>> single;  // category -> offered options
            std::vector<std::string> free;                           // options of "any" categories
            for (const auto& id : trim.options) {
                const Option* o = model.findOption(id);
                const Category* cat = o ? catalog.findCategory(o->category) : nullptr;
                if (!o || !cat) continue;
                if (cat->single) single[o->category].push_back(id);
                else free.push_back(id);
            }
            if (free.size() > 16) free.resize(16);  // keeps the walk bounded for a much larger catalog
            std::vector<std::vector<std::string>> choices;
            for (auto& [category, ids] : single) choices.push_back(ids);
            std::vector<size_t> index(choices.size(), 0);
            while (true) {
                Configuration base;
                base.model = model.id;
                base.trim = trim.id;
                for (size_t i = 0; i < choices.size(); ++i) base.options.insert(choices[i][index[i]]);
                for (std::uint32_t mask = 0; mask < (1u << free.size()); ++mask) {
                    Configuration c = base;
                    for (size_t k = 0; k < free.size(); ++k)
                        if (mask & (1u << k)) c.options.insert(free[k]);
                    if (checkConfiguration(catalog, c).empty()) out.push_back(std::move(c));
                }
                size_t i = 0;
                while (i < index.size() && ++index[i] == choices[i].size()) index[i++] = 0;
                if (i == index.size()) break;
            }
        }
    }
    return out;
}

std::vector<Configuration> sampleConfigurations(const std::vector<Configuration>& all, size_t count, std::uint64_t seed) {
    std::vector<Configuration> out;
    if (all.empty()) return out;
    out.reserve(count);
    std::uint64_t state = seed;
    for (size_t i = 0; i < count; ++i) out.push_back(all[splitMix64(state) % all.size()]);
    return out;
}

}  // namespace core::pricing
