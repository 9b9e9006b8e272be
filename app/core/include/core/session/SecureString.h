#pragma once
// SecureString: a string holding personal data (a name, a phone number) whose bytes are
// overwritten when it is cleared, reassigned or destroyed, so a session reset leaves none of it
// in memory the process still owns. Move-only; UI thread.
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace core::session {

class SecureString {
public:
    SecureString() = default;
    explicit SecureString(const std::string& s) { assign(s); }
    ~SecureString() { wipe(); }
    SecureString(const SecureString&) = delete;
    SecureString& operator=(const SecureString&) = delete;
    SecureString(SecureString&& o) noexcept
        : m_buffer(std::move(o.m_buffer)), m_size(o.m_size), m_capacity(o.m_capacity) {
        o.m_size = o.m_capacity = 0;
    }
    SecureString& operator=(SecureString&& o) noexcept {
        if (this != &o) {
            wipe();
            m_buffer = std::move(o.m_buffer);
            m_size = o.m_size;
            m_capacity = o.m_capacity;
            o.m_size = o.m_capacity = 0;
        }
        return *this;
    }

    void assign(const std::string& s);
    void append(const std::string& s);
    void popBackCodepoint();  // removes the last UTF-8 character
    void wipe();              // zeroes every byte ever held, then empties
    std::string_view view() const { return {m_buffer.get(), m_size}; }
    // A copy for APIs that need one (validation, the store); keep such copies short-lived.
    std::string str() const { return std::string(m_buffer.get(), m_size); }
    bool empty() const { return m_size == 0; }
    size_t size() const { return m_size; }
    // The storage, for tests that check nothing is left behind.
    const char* data() const { return m_buffer.get(); }
    size_t capacity() const { return m_capacity; }

private:
    void reserveWiping(size_t n);
    std::unique_ptr<char[]> m_buffer;
    size_t m_size = 0;
    size_t m_capacity = 0;
};

}  // namespace core::session
