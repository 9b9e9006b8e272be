#pragma once
// Financing: loans (annuity, optional balloon/final payment, 0 % promotions) and leases (residual
// value), computed in integer minor units with exact amortization: each month's interest is rounded
// once, the last instalment absorbs the rounding, and the payments sum exactly to principal plus
// interest. Pure and allocation-free unless a schedule is asked for: cheap enough for a slider.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/Money.h"
#include "core/Result.h"
#include "core/pricing/PricingContent.h"

namespace core::pricing {

struct LoanInput {
    std::int64_t cashPriceMinor = 0;   // what is being financed before the down payment
    std::int64_t downPaymentMinor = 0;
    int termMonths = 0;                // 1..120
    std::int64_t aprBp = 0;            // nominal annual rate, basis points; monthly rate = apr / 12
    std::int64_t balloonMinor = 0;     // final payment after the last instalment (loan) or residual (lease)
    RoundingRule rounding;             // to the fen by default
};

struct LoanQuote {
    std::int64_t principalMinor = 0;
    std::int64_t monthlyPaymentMinor = 0;   // instalments 1..n-1
    std::int64_t lastPaymentMinor = 0;      // instalment n, absorbs rounding
    std::int64_t balloonMinor = 0;          // paid after instalment n (loan) / buy-out (lease)
    std::int64_t totalInterestMinor = 0;
    std::int64_t totalPaymentsMinor = 0;    // instalments + balloon = principal + interest
    std::int64_t totalCostMinor = 0;        // down payment + total payments
};

struct Instalment {
    int month = 0;
    std::int64_t paymentMinor = 0;
    std::int64_t interestMinor = 0;
    std::int64_t principalMinor = 0;
    std::int64_t balanceAfterMinor = 0;
};

// Validates (negative rate, zero or > 120 month term, down payment above the price, balloon above
// the principal give clear errors) and computes. `schedule`, when given, receives every instalment.
Result<LoanQuote> computeLoan(const LoanInput& input, std::vector<Instalment>* schedule = nullptr);

// A lease: the customer pays instalments that amortize the price down to the residual value and
// returns the car (or buys it for the residual). Same arithmetic as a loan with a balloon.
Result<LoanQuote> computeLease(const LoanInput& input, std::vector<Instalment>* schedule = nullptr);

// Applies a content offer (its APR, allowed terms, down payment limits, balloon/residual share) on `date`.
Result<LoanQuote> computeOffer(const FinanceOffer& offer, Date date, std::int64_t cashPriceMinor, std::int64_t downPaymentMinor,
                        int termMonths, std::vector<Instalment>* schedule = nullptr);

}  // namespace core::pricing
