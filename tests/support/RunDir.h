#pragma once
// A temporary folder of this test process's own: created empty (mkdtemp) when first asked for and
// removed when the process ends, so files an earlier run left (screen dumps, kiosk data) can never
// satisfy this run's checks.
#include <stdlib.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <system_error>

namespace testing_paths {

// A fresh folder under the system temp dir, removed with everything in it on destruction.
class TempDir {
public:
    explicit TempDir(const std::string& prefix = "kiosk-test") {
        std::string pattern = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
        if (!::mkdtemp(pattern.data())) throw std::runtime_error("cannot create a temporary folder from " + pattern);
        m_path = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::string& path() const { return m_path; }
    std::string file(const std::string& name) const { return (std::filesystem::path(m_path) / name).string(); }

private:
    std::string m_path;
};

// This process's folder; `sub` (created) inside it when given.
inline std::filesystem::path runDir(const std::string& sub = "") {
    static const TempDir dir("kiosk-test-run");
    const std::filesystem::path p = sub.empty() ? std::filesystem::path(dir.path()) : std::filesystem::path(dir.path()) / sub;
    std::filesystem::create_directories(p);
    return p;
}

}  // namespace testing_paths
