#include "core/Text.h"

namespace core {

const std::string& Text::get(const std::string& language) const {
    static const std::string kEmpty;
    auto it = m_byLanguage.find(language);
    if (it != m_byLanguage.end()) return it->second;
    return m_byLanguage.empty() ? kEmpty : m_byLanguage.begin()->second;
}

}  // namespace core
