#include "ui/LayoutAudit.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>

namespace ui {
namespace {

float overlapArea(const Rect& a, const Rect& b) {
    const float w = std::min(a.x + a.w, b.x + b.w) - std::max(a.x, b.x);
    const float h = std::min(a.y + a.h, b.y + b.h) - std::max(a.y, b.y);
    return w > 0 && h > 0 ? w * h : 0;
}

bool inside(const Rect& inner, const Rect& outer, float slack = 0.5f) {
    return inner.x >= outer.x - slack && inner.y >= outer.y - slack && inner.x + inner.w <= outer.x + outer.w + slack &&
           inner.y + inner.h <= outer.y + outer.h + slack;
}

std::string size(const Rect& r) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "%.0fx%.0f at (%.0f, %.0f)", r.w, r.h, r.x, r.y);
    return buf;
}

// The id of the widget a string belongs to: "button.book" -> "book"; wrapped lines "x#2" -> "x".
std::string owner(const std::string& textId) {
    std::string id = textId.substr(0, textId.find('#'));
    if (id.rfind("button.", 0) == 0) return id.substr(7);
    return id;
}

// A layer over the whole screen (the large QR code's "tap anywhere to close"): not a widget.
bool isLayer(const Rect& r, const AuditFrame& f) { return r.w * r.h >= 0.9f * f.width * f.height; }

void targets(const AuditFrame& f, std::vector<AuditFinding>& out) {
    const auto& all = f.hits->entries();
    const float minPx = f.minTargetMm * f.pixelsPerMm;
    for (size_t i = 0; i < all.size(); ++i) {
        const auto& [id, r] = all[i];
        if (isLayer(r, f)) continue;
        if (std::min(r.w, r.h) + 0.5f < minPx)
            out.push_back({"small_target", id, size(r) + ", under " + std::to_string(static_cast<int>(minPx)) + " px"});
        if (!inside(r, {0, 0, f.width, f.height})) out.push_back({"off_screen_target", id, size(r)});
        if (f.reachTopPx > 0 && r.y + 0.5f < f.reachTopPx)
            out.push_back({"out_of_reach_target", id, size(r) + ", above the reach line at " + std::to_string(static_cast<int>(f.reachTopPx)) + " px"});
        for (size_t j = i + 1; j < all.size(); ++j) {
            const auto& [other, q] = all[j];
            if (other == id || isLayer(q, f)) continue;
            if (overlapArea(r, q) > 1.0f) out.push_back({"overlapping_targets", id + " / " + other, size(r) + " and " + size(q)});
        }
    }
}

void texts(const AuditFrame& f, std::vector<AuditFinding>& out) {
    for (const auto& o : f.texts->overflows())
        out.push_back({"clipped_text", o.id, "\"" + o.text + "\" needs " + std::to_string(static_cast<int>(o.widthPx)) +
                                                 " px, has " + std::to_string(static_cast<int>(o.availablePx))});
    const auto& drawn = f.texts->drawnTexts();
    // Which targets are buttons (they draw their own label): any other text on them is a finding.
    auto isButton = [&](const std::string& target) {
        return std::any_of(drawn.begin(), drawn.end(), [&](const DrawnText& t) { return t.id == "button." + target; });
    };
    for (const auto& t : drawn) {
        if (!inside(t.drawn, {0, 0, f.width, f.height}, 1.0f))
            out.push_back({"clipped_text", t.id, "\"" + t.text + "\" outside the screen: " + size(t.drawn)});
        if (f.customerScreen && looksLikeInternalId(t.text)) out.push_back({"id_like_text", t.id, "\"" + t.text + "\""});
        for (const auto& [target, r] : f.hits->entries()) {
            if (isLayer(r, f) || owner(t.id) == target || overlapArea(t.drawn, r) < 2.0f) continue;
            // Text inside a card or row it belongs to is fine; text half over a widget, or over a button, is not.
            if (isButton(target) || !inside(t.drawn, r))
                out.push_back({"text_over_target", t.id + " / " + target, "\"" + t.text + "\" " + size(t.drawn) + " over " + size(r)});
        }
    }
    for (size_t i = 0; i < drawn.size(); ++i)
        for (size_t j = i + 1; j < drawn.size(); ++j) {
            const float area = overlapArea(drawn[i].drawn, drawn[j].drawn);
            const float smaller = std::min(drawn[i].drawn.w * drawn[i].drawn.h, drawn[j].drawn.w * drawn[j].drawn.h);
            // Glyph boxes include line spacing: a sliver between neighbouring lines is not an overlap.
            if (area > 0.15f * smaller && owner(drawn[i].id) != owner(drawn[j].id))
                out.push_back({"overlapping_text", drawn[i].id + " / " + drawn[j].id,
                               "\"" + drawn[i].text + "\" and \"" + drawn[j].text + "\""});
        }
}

// A line a scrolled list's edge cuts through: half a number reads as a whole line. (The glyph box
// has some room over and under the letters: a sliver cut off it hides nothing.)
void cutLines(const AuditFrame& f, std::vector<AuditFinding>& out) {
    for (const auto& t : f.texts->drawnTexts())
        if (t.cutPx > 0.2f * (t.drawn.h + t.cutPx))
            out.push_back({"cut_text", t.id, "\"" + t.text + "\" shows " + std::to_string(static_cast<int>(t.drawn.h)) + " of " +
                                                 std::to_string(static_cast<int>(t.drawn.h + t.cutPx)) + " px: " + size(t.drawn)});
}

// The code points of a UTF-8 string.
std::vector<std::string> codePoints(const std::string& text) {
    std::vector<std::string> out;
    for (size_t i = 0; i < text.size();) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        const size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        out.push_back(text.substr(i, n));
        i += n;
    }
    return out;
}

// Wrapped CJK text (lines "id#0", "id#1", ...): no line starts with closing punctuation, and the last
// line is not one or two characters left alone.
void cjkWrapping(const AuditFrame& f, std::vector<AuditFinding>& out) {
    std::map<std::string, std::map<int, std::string>> wrapped;
    for (const auto& t : f.texts->drawnTexts()) {
        const size_t hash = t.id.rfind('#');
        if (hash == std::string::npos || hash + 1 == t.id.size() ||
            !std::all_of(t.id.begin() + static_cast<std::ptrdiff_t>(hash + 1), t.id.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
            continue;
        wrapped[t.id.substr(0, hash)][std::stoi(t.id.substr(hash + 1))] = t.text;
    }
    for (const auto& [id, lines] : wrapped) {
        if (lines.size() < 2) continue;
        for (const auto& [k, text] : lines) {
            const auto cps = codePoints(text);
            if (k > 0 && !cps.empty() && closesCjkPhrase(cps.front()))
                out.push_back({"cjk_orphan", id, "line " + std::to_string(k + 1) + " \"" + text + "\" starts with closing punctuation"});
        }
        const auto& [lastK, last] = *lines.rbegin();
        if (lastK + 1 != static_cast<int>(lines.size())) continue;  // a line is hidden (a scrolled list): not judged
        const auto cps = codePoints(last);
        const size_t visible = static_cast<size_t>(std::count_if(cps.begin(), cps.end(), [](const std::string& c) { return c != " "; }));
        const bool cjk = std::any_of(cps.begin(), cps.end(), [](const std::string& c) { return c.size() >= 3; });
        if (cjk && visible <= 2)
            out.push_back({"cjk_orphan", id, "last line \"" + last + "\" left alone under \"" + lines.begin()->second + "\""});
    }
}

void priceList(const AuditFrame& f, std::vector<AuditFinding>& out) {
    if (!f.price) return;
    if (f.price->rows.size() != f.priceLines)
        out.push_back({"unreachable_price_line", "summary.price", std::to_string(f.price->rows.size()) + " of " +
                                                                      std::to_string(f.priceLines) + " lines listed"});
    for (const auto& row : f.price->rows)
        if (!row.reachable) out.push_back({"unreachable_price_line", "summary.price", row.label + " " + row.amountText});
}

}  // namespace

bool looksLikeInternalId(const std::string& text) {
    if (text.find(".json") != std::string::npos || text.find("content/") != std::string::npos ||
        text.find("models/") != std::string::npos)
        return true;
    // Split into words; judge each.
    std::string word;
    auto judge = [](const std::string& w) {
        if (w.size() < 4) return false;
        bool lower = false, upper = false, dash = false, underscore = false, dot = false;
        for (unsigned char c : w) {
            if (c >= 0x80) return false;  // CJK or other text
            if (std::islower(c)) lower = true;
            else if (std::isupper(c)) upper = true;
            else if (c == '-') dash = true;
            else if (c == '_') underscore = true;
            else if (c == '.') dot = true;
            else if (!std::isdigit(c)) return false;
        }
        if (!lower || upper) return false;  // ids are lower case; "CLTC", "Wh/km" and codes are not
        if (underscore) return true;        // dealer_discount, summary.qr_tap
        if (dot && w.back() != '.' && w.find("..") == std::string::npos) {
            const size_t d = w.find('.');
            return d > 0 && std::isalpha(static_cast<unsigned char>(w[d + 1]));  // summary.price, not "0.55"
        }
        // heron-long-range; "e-mail", "10-80" and "long-range" are not
        if (dash) {
            size_t parts = 0, run = 0;
            for (char c : w + "-")
                if (c == '-') {
                    if (run > 0) ++parts;
                    run = 0;
                } else {
                    ++run;
                }
            return parts >= 3;
        }
        return false;
    };
    for (char c : text + " ") {
        if (c == ' ' || c == '(' || c == ')' || c == ',' || c == ':' || c == ';' || c == '"') {
            if (judge(word)) return true;
            word.clear();
        } else {
            word += c;
        }
    }
    return false;
}

std::vector<AuditFinding> auditFrame(const AuditFrame& f) {
    std::vector<AuditFinding> out;
    if (f.hits) targets(f, out);
    if (f.texts) {
        texts(f, out);
        cutLines(f, out);
        if (f.customerScreen) cjkWrapping(f, out);
    }
    priceList(f, out);
    return out;
}

}  // namespace ui
