#include "Xml.h"

#include <cctype>

namespace core::rules::xml {

const std::string* Element::attribute(const std::string& key) const {
    for (const auto& [k, v] : attributes)
        if (k == key) return &v;
    return nullptr;
}

std::vector<const Element*> Element::childrenNamed(const std::string& childName) const {
    std::vector<const Element*> out;
    for (const auto& c : children)
        if (c->name == childName) out.push_back(c.get());
    return out;
}

const Element* Element::child(const std::string& childName) const {
    for (const auto& c : children)
        if (c->name == childName) return c.get();
    return nullptr;
}

namespace {

constexpr int kMaxDepth = 64;

class Parser {
public:
    explicit Parser(const std::string& text) : m_text(text) {}

    ParseResult run() {
        ParseResult r;
        skipMisc();
        if (m_error.empty()) {
            if (m_pos >= m_text.size() || m_text[m_pos] != '<') fail("expected the root element");
            else r.root = element(0);
        }
        if (m_error.empty()) {
            skipMisc();
            if (m_error.empty() && m_pos < m_text.size()) fail("unexpected content after the root element");
        }
        if (!m_error.empty()) {
            r.root.reset();
            r.error = "line " + std::to_string(m_line) + ": " + m_error;
        }
        return r;
    }

private:
    void fail(const std::string& what) {
        if (m_error.empty()) m_error = what;
    }
    bool at(const char* s) const { return m_text.compare(m_pos, std::char_traits<char>::length(s), s) == 0; }
    void advance(size_t n) {
        for (size_t i = 0; i < n && m_pos < m_text.size(); ++i, ++m_pos)
            if (m_text[m_pos] == '\n') ++m_line;
    }
    bool skipUntil(const char* end) {
        const size_t p = m_text.find(end, m_pos);
        if (p == std::string::npos) {
            fail(std::string("unexpected end of file (no closing \"") + end + "\")");
            m_pos = m_text.size();
            return false;
        }
        advance(p - m_pos + std::char_traits<char>::length(end));
        return true;
    }
    // Whitespace, comments, processing instructions and doctype between elements.
    void skipMisc() {
        while (m_error.empty() && m_pos < m_text.size()) {
            if (std::isspace(static_cast<unsigned char>(m_text[m_pos]))) advance(1);
            else if (at("<!--")) skipUntil("-->");
            else if (at("<?")) skipUntil("?>");
            else if (at("<!")) skipUntil(">");
            else break;
        }
    }
    std::string nameToken() {
        const size_t start = m_pos;
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos];
            if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == ':' || c == '.') ++m_pos;
            else break;
        }
        return m_text.substr(start, m_pos - start);
    }
    void skipSpace() {
        while (m_pos < m_text.size() && std::isspace(static_cast<unsigned char>(m_text[m_pos]))) advance(1);
    }
    void appendDecoded(std::string& out, size_t from, size_t to) {
        for (size_t i = from; i < to; ++i) {
            if (m_text[i] != '&') {
                out.push_back(m_text[i]);
                continue;
            }
            static const std::pair<const char*, char> kEntities[] = {
                {"&lt;", '<'}, {"&gt;", '>'}, {"&amp;", '&'}, {"&quot;", '"'}, {"&apos;", '\''}};
            bool known = false;
            for (const auto& [name, ch] : kEntities) {
                const size_t n = std::char_traits<char>::length(name);
                if (m_text.compare(i, n, name) == 0) {
                    out.push_back(ch);
                    i += n - 1;
                    known = true;
                    break;
                }
            }
            if (!known) out.push_back('&');
        }
    }

    std::unique_ptr<Element> element(int depth) {
        if (depth > kMaxDepth) {
            fail("elements nested deeper than " + std::to_string(kMaxDepth));
            return nullptr;
        }
        auto e = std::make_unique<Element>();
        e->line = m_line;
        advance(1);  // '<'
        e->name = nameToken();
        if (e->name.empty()) {
            fail("expected an element name after '<'");
            return nullptr;
        }
        for (;;) {
            skipSpace();
            if (m_pos >= m_text.size()) {
                fail("unexpected end of file inside <" + e->name + ">");
                return nullptr;
            }
            if (at("/>")) {
                advance(2);
                return e;
            }
            if (m_text[m_pos] == '>') {
                advance(1);
                break;
            }
            std::string key = nameToken();
            if (key.empty()) {
                fail("unexpected character '" + std::string(1, m_text[m_pos]) + "' in <" + e->name + ">");
                return nullptr;
            }
            skipSpace();
            if (m_pos >= m_text.size()) {
                fail("unexpected end of file inside <" + e->name + ">");
                return nullptr;
            }
            if (m_text[m_pos] != '=') {
                fail("attribute \"" + key + "\" of <" + e->name + "> has no value");
                return nullptr;
            }
            advance(1);
            skipSpace();
            if (m_pos >= m_text.size() || (m_text[m_pos] != '"' && m_text[m_pos] != '\'')) {
                fail("attribute \"" + key + "\" of <" + e->name + "> is not quoted");
                return nullptr;
            }
            const char quote = m_text[m_pos];
            const size_t end = m_text.find(quote, m_pos + 1);
            if (end == std::string::npos) {
                fail("unexpected end of file in attribute \"" + key + "\"");
                return nullptr;
            }
            std::string value;
            appendDecoded(value, m_pos + 1, end);
            advance(end + 1 - m_pos);
            e->attributes.emplace_back(std::move(key), std::move(value));
        }
        for (;;) {
            const size_t lt = m_text.find('<', m_pos);
            if (lt == std::string::npos) {
                m_pos = m_text.size();
                fail("unexpected end of file: <" + e->name + "> (line " + std::to_string(e->line) + ") is not closed");
                return nullptr;
            }
            appendDecoded(e->text, m_pos, lt);
            advance(lt - m_pos);
            if (at("<!--")) {
                if (!skipUntil("-->")) return nullptr;
            } else if (at("<![CDATA[")) {
                const size_t end = m_text.find("]]>", m_pos);
                if (end == std::string::npos) {
                    fail("unexpected end of file in CDATA");
                    return nullptr;
                }
                e->text.append(m_text, m_pos + 9, end - m_pos - 9);
                advance(end + 3 - m_pos);
            } else if (at("<?")) {
                if (!skipUntil("?>")) return nullptr;
            } else if (at("</")) {
                advance(2);
                const std::string closing = nameToken();
                skipSpace();
                if (closing != e->name || m_pos >= m_text.size() || m_text[m_pos] != '>') {
                    fail("<" + e->name + "> (line " + std::to_string(e->line) + ") closed by </" + closing + ">");
                    return nullptr;
                }
                advance(1);
                return e;
            } else {
                auto child = element(depth + 1);
                if (!child) return nullptr;
                e->children.push_back(std::move(child));
            }
        }
    }

    const std::string& m_text;
    size_t m_pos = 0;
    int m_line = 1;
    std::string m_error;
};

}  // namespace

ParseResult parse(const std::string& text) { return Parser(text).run(); }

}  // namespace core::rules::xml
