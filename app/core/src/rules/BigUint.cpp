#include "core/rules/BigUint.h"

#include <algorithm>

namespace core::rules {

BigUint::BigUint(std::uint64_t v) {
    while (v != 0) {
        m_limbs.push_back(static_cast<std::uint32_t>(v & 0xffffffffu));
        v >>= 32;
    }
}

bool BigUint::fromString(const std::string& digits, BigUint& out) {
    if (digits.empty()) return false;
    BigUint r;
    for (char c : digits) {
        if (c < '0' || c > '9') return false;
        r *= BigUint(10);
        r += BigUint(static_cast<std::uint64_t>(c - '0'));
    }
    out = r;
    return true;
}

void BigUint::trim() {
    while (!m_limbs.empty() && m_limbs.back() == 0) m_limbs.pop_back();
}

BigUint& BigUint::operator+=(const BigUint& o) {
    if (m_limbs.size() < o.m_limbs.size()) m_limbs.resize(o.m_limbs.size(), 0);
    std::uint64_t carry = 0;
    for (size_t i = 0; i < m_limbs.size(); ++i) {
        std::uint64_t s = carry + m_limbs[i] + (i < o.m_limbs.size() ? o.m_limbs[i] : 0);
        m_limbs[i] = static_cast<std::uint32_t>(s);
        carry = s >> 32;
        if (carry == 0 && i >= o.m_limbs.size()) break;
    }
    if (carry) m_limbs.push_back(static_cast<std::uint32_t>(carry));
    return *this;
}

BigUint& BigUint::operator*=(const BigUint& o) {
    if (isZero() || o.isZero()) {
        m_limbs.clear();
        return *this;
    }
    std::vector<std::uint32_t> r(m_limbs.size() + o.m_limbs.size(), 0);
    for (size_t i = 0; i < m_limbs.size(); ++i) {
        std::uint64_t carry = 0;
        for (size_t j = 0; j < o.m_limbs.size(); ++j) {
            std::uint64_t cur = r[i + j] + static_cast<std::uint64_t>(m_limbs[i]) * o.m_limbs[j] + carry;
            r[i + j] = static_cast<std::uint32_t>(cur);
            carry = cur >> 32;
        }
        size_t k = i + o.m_limbs.size();
        while (carry) {
            std::uint64_t cur = r[k] + carry;
            r[k] = static_cast<std::uint32_t>(cur);
            carry = cur >> 32;
            ++k;
        }
    }
    m_limbs = std::move(r);
    trim();
    return *this;
}

std::uint64_t BigUint::toUint64() const {
    std::uint64_t v = 0;
    if (!m_limbs.empty()) v = m_limbs[0];
    if (m_limbs.size() > 1) v |= static_cast<std::uint64_t>(m_limbs[1]) << 32;
    return v;
}

std::string BigUint::toString() const {
    if (isZero()) return "0";
    std::vector<std::uint32_t> n = m_limbs;
    std::string out;
    // Repeated division by 10^9 keeps this quadratic in limbs, fine for counts of a few hundred digits.
    while (!n.empty()) {
        std::uint64_t rem = 0;
        for (size_t i = n.size(); i-- > 0;) {
            std::uint64_t cur = (rem << 32) | n[i];
            n[i] = static_cast<std::uint32_t>(cur / 1000000000u);
            rem = cur % 1000000000u;
        }
        while (!n.empty() && n.back() == 0) n.pop_back();
        for (int d = 0; d < 9; ++d) {
            out.push_back(static_cast<char>('0' + rem % 10));
            rem /= 10;
            if (n.empty() && rem == 0) break;
        }
    }
    while (out.size() > 1 && out.back() == '0') out.pop_back();
    std::reverse(out.begin(), out.end());
    return out;
}

bool operator<(const BigUint& a, const BigUint& b) {
    if (a.m_limbs.size() != b.m_limbs.size()) return a.m_limbs.size() < b.m_limbs.size();
    for (size_t i = a.m_limbs.size(); i-- > 0;)
        if (a.m_limbs[i] != b.m_limbs[i]) return a.m_limbs[i] < b.m_limbs[i];
    return false;
}

}  // namespace core::rules
