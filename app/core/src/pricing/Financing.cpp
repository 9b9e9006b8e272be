#include "core/pricing/Financing.h"

#include <algorithm>

namespace core::pricing {
namespace {

__extension__ typedef __int128 Int128;

constexpr std::int64_t kMonthsPerYearBp = 12 * 10'000;  // monthly rate = aprBp / 120000
constexpr Int128 kScale = 1'000'000'000'000'000'000;     // 10^18 fixed point for (1 + r)^n
constexpr std::int64_t kMaxFinancedMinor = 10'000'000'000'000;  // keeps every 128-bit product in range

Int128 divRoundHalfUp(Int128 n, Int128 d) {  // n >= 0, d > 0
    return (n + d / 2) / d;
}

std::string validate(const LoanInput& in) {
    if (in.aprBp < 0) return "the interest rate " + std::to_string(in.aprBp) + " bp is negative";
    if (in.aprBp > 10'000) return "the interest rate " + std::to_string(in.aprBp) + " bp is above 100 %";
    if (in.termMonths <= 0) return "the term must be at least one month (got " + std::to_string(in.termMonths) + ")";
    if (in.termMonths > 120) return "the term " + std::to_string(in.termMonths) + " months is above 120 months";
    if (in.cashPriceMinor <= 0) return "the price to finance must be positive";
    if (in.cashPriceMinor > kMaxFinancedMinor) return "the price to finance is too large";
    if (in.downPaymentMinor < 0) return "the down payment is negative";
    if (in.downPaymentMinor > in.cashPriceMinor)
        return "the down payment " + std::to_string(in.downPaymentMinor) + " is above the price " + std::to_string(in.cashPriceMinor);
    if (in.downPaymentMinor == in.cashPriceMinor) return "nothing left to finance: the down payment equals the price";
    if (in.balloonMinor < 0) return "the final payment is negative";
    if (in.balloonMinor >= in.cashPriceMinor - in.downPaymentMinor)
        return "the final payment " + std::to_string(in.balloonMinor) + " is not below the amount financed " +
               std::to_string(in.cashPriceMinor - in.downPaymentMinor);
    if (in.rounding.incrementMinor <= 0) return "the rounding increment must be positive";
    return {};
}

Result<LoanQuote> amortize(const LoanInput& in, bool lease, std::vector<Instalment>* schedule) {
    if (std::string problem = validate(in); !problem.empty()) return fail(problem);
    const std::int64_t principal = in.cashPriceMinor - in.downPaymentMinor;
    const std::int64_t balloon = in.balloonMinor;
    const int n = in.termMonths;

    // Level instalment from the annuity formula, in exact integer arithmetic:
    // A = (P q^n - B) r / (q^n - 1), q = 1 + r; with r = 0, A = (P - B) / n.
    std::int64_t payment = 0;
    if (in.aprBp == 0) {
        payment = mulDivRound(principal - balloon, 1, n, in.rounding);
    } else {
        Int128 growth = kScale;  // q^n in 10^-18
        for (int k = 0; k < n; ++k) growth = divRoundHalfUp(growth * (kMonthsPerYearBp + in.aprBp), kMonthsPerYearBp);
        const Int128 numerator = (static_cast<Int128>(principal) * growth - static_cast<Int128>(balloon) * kScale) * in.aprBp;
        const Int128 denominator = static_cast<Int128>(kMonthsPerYearBp) * (growth - kScale) * in.rounding.incrementMinor;
        payment = static_cast<std::int64_t>(divRoundHalfUp(numerator, denominator)) * in.rounding.incrementMinor;
    }

    // Exact schedule: interest rounded each month; the last instalment brings the balance to the balloon.
    if (schedule) {
        schedule->clear();
        schedule->reserve(static_cast<size_t>(n));
    }
    std::int64_t balance = principal, totalInterest = 0, instalments = 0, last = 0;
    for (int k = 1; k <= n; ++k) {
        const std::int64_t interest = mulDivRound(balance, in.aprBp, kMonthsPerYearBp, in.rounding);
        const std::int64_t pay = k < n ? payment : balance + interest - balloon;
        const std::int64_t principalPart = pay - interest;
        balance -= principalPart;
        totalInterest += interest;
        instalments += pay;
        last = pay;
        if (schedule) schedule->push_back({k, pay, interest, principalPart, balance});
    }
    LoanQuote q;
    q.principalMinor = principal;
    q.monthlyPaymentMinor = n > 1 ? payment : last;
    q.lastPaymentMinor = last;
    q.balloonMinor = balloon;
    q.totalInterestMinor = totalInterest;
    q.totalPaymentsMinor = instalments + balloon;
    // A lease ends by returning the car: the residual is not part of its cost.
    q.totalCostMinor = in.downPaymentMinor + (lease ? instalments : q.totalPaymentsMinor);
    return q;
}

}  // namespace

Result<LoanQuote> computeLoan(const LoanInput& input, std::vector<Instalment>* schedule) { return amortize(input, false, schedule); }

Result<LoanQuote> computeLease(const LoanInput& input, std::vector<Instalment>* schedule) { return amortize(input, true, schedule); }

Result<LoanQuote> computeOffer(const FinanceOffer& offer, Date date, std::int64_t cashPriceMinor, std::int64_t downPaymentMinor,
                        int termMonths, std::vector<Instalment>* schedule) {
    if (!offer.period.contains(date)) {
        return fail("offer \"" + offer.id + "\" is not available on " + date.str() + " (" + offer.period.from.str() + ".." +
                  offer.period.until.str() + ")");
    }
    if (std::find(offer.termsMonths.begin(), offer.termsMonths.end(), termMonths) == offer.termsMonths.end()) {
        std::string terms;
        for (int t : offer.termsMonths) terms += (terms.empty() ? "" : ", ") + std::to_string(t);
        return fail("offer \"" + offer.id + "\" has no " + std::to_string(termMonths) + "-month term (terms: " + terms + ")");
    }
    if (cashPriceMinor > 0 && cashPriceMinor <= kMaxFinancedMinor) {
        const std::int64_t minDown = mulDivRound(cashPriceMinor, offer.minDownBp, 10'000, {1, RoundingMode::Up});
        const std::int64_t maxDown = mulDivRound(cashPriceMinor, offer.maxDownBp, 10'000, {1, RoundingMode::Down});
        if (downPaymentMinor < minDown) {
            return fail("offer \"" + offer.id + "\" needs a down payment of at least " + std::to_string(offer.minDownBp / 100) +
                      " % (" + std::to_string(minDown) + " minor units)");
        }
        if (downPaymentMinor > maxDown && downPaymentMinor <= cashPriceMinor) {
            return fail("offer \"" + offer.id + "\" allows a down payment of at most " + std::to_string(offer.maxDownBp / 100) + " %");
        }
    }
    LoanInput in;
    in.cashPriceMinor = cashPriceMinor;
    in.downPaymentMinor = downPaymentMinor;
    in.termMonths = termMonths;
    in.aprBp = offer.aprBp;
    in.rounding = offer.rounding;
    if (cashPriceMinor > 0 && cashPriceMinor <= kMaxFinancedMinor)
        in.balloonMinor = mulDivRound(cashPriceMinor, offer.balloonBp, 10'000, offer.rounding);
    return offer.kind == FinanceKind::Lease ? computeLease(in, schedule) : computeLoan(in, schedule);
}

}  // namespace core::pricing
