#pragma once
// Result<T>: the one shape of a core computation that can fail: either its value, or the reason
// it could not be computed (English, for logs and staff: it names the field, the value and what is
// wrong), never both. Customer-facing text comes from content, not from these messages.
//
// Content loading is the one exception: it reports every problem of a folder at once, so its
// loaders return the value with a list of ContentErrors (file, JSON pointer, problem).
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

namespace core {

// Why a computation failed. Made with fail("..."), so a Result<std::string> stays unambiguous.
struct Failure {
    std::string message;
};
inline Failure fail(std::string message) { return Failure{std::move(message)}; }

template <class T>
class Result {
public:
    Result(T value) : m_value(std::move(value)) {}  // NOLINT: a value converts implicitly, like std::optional
    Result(Failure failure) : m_error(std::move(failure.message)) {
        if (m_error.empty()) m_error = "failed (no reason given)";
    }

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }

    // The value; calling these on a failure is a programming error and throws std::logic_error.
    const T& value() const& { return checked(); }
    T& value() & { return const_cast<T&>(checked()); }
    T&& value() && { return std::move(const_cast<T&>(checked())); }
    const T& operator*() const& { return checked(); }
    T& operator*() & { return const_cast<T&>(checked()); }
    const T* operator->() const { return &checked(); }
    T* operator->() { return &const_cast<T&>(checked()); }

    // Empty when ok().
    const std::string& error() const { return m_error; }

private:
    const T& checked() const {
        if (!m_value) throw std::logic_error("Result: no value: " + m_error);
        return *m_value;
    }

    std::optional<T> m_value;
    std::string m_error;
};

}  // namespace core
