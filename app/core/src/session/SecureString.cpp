#include "core/session/SecureString.h"

#include <algorithm>
#include <cstring>

namespace core::session {
namespace {

// A plain memset on memory about to be freed may be optimised away; writing through a volatile
// pointer may not.
void zero(char* p, size_t n) {
    volatile char* v = p;
    for (size_t i = 0; i < n; ++i) v[i] = 0;
}

}  // namespace

void SecureString::reserveWiping(size_t n) {
    if (n <= m_capacity) return;
    // Grow into new storage and zero the old, so no stale copy is left on the heap.
    const size_t capacity = std::max<size_t>(n * 2, 32);
    std::unique_ptr<char[]> bigger(new char[capacity]());
    if (m_size) std::memcpy(bigger.get(), m_buffer.get(), m_size);
    if (m_buffer) zero(m_buffer.get(), m_capacity);
    m_buffer = std::move(bigger);
    m_capacity = capacity;
}

void SecureString::assign(const std::string& s) {
    wipe();
    append(s);
}

void SecureString::append(const std::string& s) {
    reserveWiping(m_size + s.size());
    if (!s.empty()) std::memcpy(m_buffer.get() + m_size, s.data(), s.size());
    m_size += s.size();
}

void SecureString::popBackCodepoint() {
    while (m_size > 0) {
        const unsigned char c = static_cast<unsigned char>(m_buffer[m_size - 1]);
        m_buffer[--m_size] = 0;
        if ((c & 0xC0) != 0x80) break;  // stop after the lead byte
    }
}

void SecureString::wipe() {
    if (m_buffer) zero(m_buffer.get(), m_capacity);
    m_size = 0;
}

}  // namespace core::session
