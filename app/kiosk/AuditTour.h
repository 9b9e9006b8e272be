#pragma once
// AuditTour: `kiosk --audit OUT.json`. Walks every customer and staff screen, each in a
// representative state (the dearest car with every pack and the advisor's discount, long typed
// names with the keyboard open, an error, a confirmation), in each layout (1920x1080, 1080x1920,
// 3840x2160, 1280x800), both languages and each accessibility mode; audits every frame with
// ui::auditFrame; writes the findings as JSON and one contact sheet PNG per layout and language
// beside it (OUT-<layout>-<language>.png). The kiosk exits 1 when anything was found, and names
// each finding on stderr. UI thread.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "KioskContext.h"
#include "Visit.h"
#include "ui/LayoutAudit.h"

namespace kiosk {

struct AuditLayout {
    int width, height;
    float pixelsPerMm;  // the panel this layout stands for (a 27" 1080p, a 32" 4K, a 10" tablet)
};

struct AuditCase {
    AuditLayout layout;
    std::string language;
    std::string mode;   // "standard", "large_text", "high_contrast", "large_high", "low_reach"
    std::string state;  // "attract", "models", "configure", "summary", ...
};

class AuditTour {
public:
    // `layouts`, `modes` and `states` narrow the tour (empty: all); an unknown name throws.
    // `shotsDir`, when set, receives every audited frame full size.
    AuditTour(const KioskContext& ctx, std::string outPath, const std::vector<std::string>& layouts,
              const std::vector<std::string>& modes, const std::vector<std::string>& states = {},
              std::string shotsDir = {});

    bool done() const { return m_index >= m_cases.size(); }
    const AuditCase& current() const { return m_cases[m_index]; }
    // Sets up the visit for the current case (a fresh visit is handed in).
    void stage(KioskContext& ctx, Visit& visit) const;
    // Audits the frame just drawn for the current case, keeps a thumbnail, moves to the next case.
    void record(const ui::AuditFrame& frame, int width, int height);
    // Writes the findings and the contact sheets; returns the exit code (1: findings).
    int finish();

private:
    struct Sheet {
        std::string name;
        int columns = 0, rows = 0;
        std::vector<unsigned char> rgb;
    };
    void thumbnail(int width, int height);

    std::string m_out;
    std::string m_shots;
    std::vector<AuditCase> m_cases;
    std::vector<std::string> m_states;
    std::vector<std::string> m_modes;
    size_t m_index = 0;
    std::string m_dearestCode, m_cheapestCode;
    std::vector<std::pair<AuditCase, ui::AuditFinding>> m_findings;
    std::vector<Sheet> m_sheets;
    std::vector<unsigned char> m_pixels;  // the frame read back, reused from case to case
    std::chrono::steady_clock::time_point m_started = std::chrono::steady_clock::now();
};

}  // namespace kiosk
