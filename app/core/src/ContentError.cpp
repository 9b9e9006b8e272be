#include "core/ContentError.h"

namespace core {

std::string ContentError::toString() const {
    std::string out = file;
    out += ": ";
    if (!path.empty()) out += path + ": ";
    out += message;
    return out;
}

}  // namespace core
