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

class RunDir {
public:
    RunDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "kiosk-test-run-XXXXXX").string();
        if (!::mkdtemp(pattern.data())) throw std::runtime_error("cannot create a temporary folder from " + pattern);
        m_path = pattern;
    }
    ~RunDir() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    RunDir(const RunDir&) = delete;
    RunDir& operator=(const RunDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

// This process's folder; `sub` (created) inside it when given.
inline std::filesystem::path runDir(const std::string& sub = "") {
    static const RunDir dir;
    const std::filesystem::path p = sub.empty() ? dir.path() : dir.path() / sub;
    std::filesystem::create_directories(p);
    return p;
}

}  // namespace testing_paths
