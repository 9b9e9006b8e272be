#pragma once
// Text: one customer-facing string in every language the content declares.
#include <map>
#include <string>

namespace core {

class Text {
public:
    Text() = default;
    explicit Text(std::map<std::string, std::string> byLanguage) : m_byLanguage(std::move(byLanguage)) {}

    // The string in `language`, or in the first language present when it is missing
    // (validation makes that impossible for loaded content).
    const std::string& get(const std::string& language) const;
    bool has(const std::string& language) const { return m_byLanguage.count(language) != 0; }
    const std::map<std::string, std::string>& all() const { return m_byLanguage; }

private:
    std::map<std::string, std::string> m_byLanguage;
};

}  // namespace core
