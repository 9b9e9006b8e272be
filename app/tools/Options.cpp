#include "Commands.h"

#include <algorithm>
#include <stdexcept>

#include "core/ContentLoader.h"

namespace tools {

std::string optionValue(const Args& args, const std::string& name, const std::string& fallback) {
    for (size_t i = 0; i + 1 < args.size(); ++i)
        if (args[i] == name) return args[i + 1];
    return fallback;
}

std::string unknownArgument(const Args& args, const ArgSpec& spec) {
    if (spec.ownCheck) return {};
    size_t words = 0;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (spec.options.count(a)) {
            if (i + 1 >= args.size()) return "option " + a + " needs a value";
            ++i;
        } else if (spec.flags.count(a)) {
            continue;
        } else if (a.rfind("-", 0) == 0 && a.size() > 1) {
            return "unknown argument \"" + a + "\"";
        } else if (++words > spec.words) {
            return "unexpected argument \"" + a + "\"";
        }
    }
    return {};
}

std::string contentDirectory(const Args& args) {
    const std::string dir = optionValue(args, "--content", core::defaultContentDirectory());
    const auto market = core::marketContentDirectory(dir, optionValue(args, "--market"));
    if (!market) throw std::runtime_error(market.error());
    return *market;
}

bool hasFlag(const Args& args, const std::string& name) {
    return std::find(args.begin(), args.end(), name) != args.end();
}

}  // namespace tools
