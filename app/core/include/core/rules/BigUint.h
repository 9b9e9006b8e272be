#pragma once
// BigUint: an unsigned integer of any size, for exact configuration counts (they exceed 2^64
// on large product ranges). A plain value type; only what counting needs: +, *, compare, text.
#include <cstdint>
#include <string>
#include <vector>

namespace core::rules {

class BigUint {
public:
    BigUint() = default;
    BigUint(std::uint64_t v);  // NOLINT: implicit from small counts is the natural use

    // Parses decimal digits; nullopt-like failure is reported by returning false.
    static bool fromString(const std::string& digits, BigUint& out);

    BigUint& operator+=(const BigUint& o);
    BigUint& operator*=(const BigUint& o);
    friend BigUint operator+(BigUint a, const BigUint& b) { return a += b; }
    friend BigUint operator*(BigUint a, const BigUint& b) { return a *= b; }

    bool isZero() const { return m_limbs.empty(); }
    std::uint64_t toUint64() const;  // low 64 bits
    std::string toString() const;    // decimal

    friend bool operator==(const BigUint& a, const BigUint& b) { return a.m_limbs == b.m_limbs; }
    friend bool operator<(const BigUint& a, const BigUint& b);

private:
    void trim();
    std::vector<std::uint32_t> m_limbs;  // little-endian base 2^32, no leading zero limbs
};

}  // namespace core::rules
