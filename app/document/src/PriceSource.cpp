#include "document/PriceSource.h"

namespace document {

using core::pricing::LineKind;

namespace {

std::string fillIn(std::string text, const std::string& value) {
    const std::string key = "{package}";
    if (auto pos = text.find(key); pos != std::string::npos) text.replace(pos, key.size(), value);
    return text;
}

}  // namespace

std::string priceLineCitation(const core::Catalog& catalog, const core::pricing::PricingContent& pricing,
                              const core::pricing::PriceLine& line) {
    if (line.kind == LineKind::DealerDiscount) return {};
    if (line.sourceFile == pricing.file) {
        for (const auto& rule : pricing.rules)
            for (const auto& v : rule.versions)
                if (v.id == line.sourceId) return v.citation;
        return {};
    }
    // Trims, options and packages: the market's price list.
    (void)catalog;
    return pricing.priceListCitation;
}

std::string priceLineSource(const core::Catalog& catalog, const core::pricing::PricingContent& pricing,
                            const core::pricing::PriceLine& line, const std::string& language) {
    if (line.kind == LineKind::DealerDiscount) return catalog.ui("source.advisor", language);
    if (line.kind == LineKind::Included) {
        // Brought by a package: say which one.
        for (const auto& model : catalog.models)
            if (model.sourceFile == line.sourceFile)
                for (const auto& rule : model.rules)
                    if (rule.id == line.sourceId)
                        if (const core::Option* pkg = model.findOption(rule.subject))
                            return fillIn(catalog.ui("source.included_in", language), pkg->name.get(language));
        return {};
    }
    const std::string citation = priceLineCitation(catalog, pricing, line);
    // The catalog's own prices, when the market has no price list of its own: the content names them.
    if (citation.empty()) return line.sourceFile == pricing.file ? std::string() : catalog.ui("source.list_price", language);
    const std::string key = "source." + citation;
    if (catalog.strings.count(key)) return catalog.ui(key, language);
    if (const auto* c = pricing.findCitation(citation)) return c->title.get(language);
    return {};
}

}  // namespace document
