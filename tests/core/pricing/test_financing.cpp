// Loans and leases: exact amortization, 0 % promotions, balloons, term limits and invalid inputs.
#include <catch2/catch.hpp>

#include <numeric>

#include "PricingTestSupport.h"
#include "core/pricing/Financing.h"

using namespace core::pricing;

namespace {

LoanInput loan(std::int64_t price, std::int64_t down, int months, std::int64_t aprBp, std::int64_t balloon = 0) {
    LoanInput in;
    in.cashPriceMinor = price;
    in.downPaymentMinor = down;
    in.termMonths = months;
    in.aprBp = aprBp;
    in.balloonMinor = balloon;
    return in;
}

void checkExact(const LoanQuote& q, const std::vector<Instalment>& s, const LoanInput& in) {
    std::int64_t paid = 0, interest = 0, principal = 0;
    for (const auto& i : s) {
        paid += i.paymentMinor;
        interest += i.interestMinor;
        principal += i.principalMinor;
        CHECK(i.paymentMinor == i.interestMinor + i.principalMinor);
    }
    CHECK(s.size() == static_cast<size_t>(in.termMonths));
    CHECK(s.back().balanceAfterMinor == in.balloonMinor);
    CHECK(principal == q.principalMinor - in.balloonMinor);
    CHECK(interest == q.totalInterestMinor);
    CHECK(paid + q.balloonMinor == q.principalMinor + q.totalInterestMinor);
    CHECK(q.totalPaymentsMinor == q.principalMinor + q.totalInterestMinor);
    // Every instalment but the last is the level payment; the last differs by rounding only.
    for (size_t k = 0; k + 1 < s.size(); ++k) CHECK(s[k].paymentMinor == q.monthlyPaymentMinor);
    CHECK(std::llabs(q.lastPaymentMinor - q.monthlyPaymentMinor) <= in.termMonths);
}

}  // namespace

TEST_CASE("Loan: 100,000 over 36 months at 3.49 % APR matches the annuity formula, payments sum exactly") {
    const auto in = loan(10'000'000, 0, 36, 349);
    std::vector<Instalment> s;
    const auto r = computeLoan(in, &s);
    REQUIRE(r);
    // A = P r / (1 - (1 + r)^-36), r = 0.0349 / 12: 2,929.765 -> 2,929.77 (as PMT() in a spreadsheet).
    CHECK(r->monthlyPaymentMinor == 292'977);
    checkExact(*r, s, in);
    CHECK(r->totalCostMinor == r->totalPaymentsMinor);
}

TEST_CASE("Loan: 0 % APR splits the principal evenly, the last instalment takes the remainder") {
    const auto in = loan(10'000'000, 3'000'000, 24, 0);
    std::vector<Instalment> s;
    const auto r = computeLoan(in, &s);
    REQUIRE(r);
    CHECK(r->monthlyPaymentMinor == 291'667);  // 70,000 / 24 = 2,916.666...
    CHECK(r->lastPaymentMinor == 7'000'000 - 23 * 291'667);
    CHECK(r->totalInterestMinor == 0);
    checkExact(*r, s, in);
}

TEST_CASE("Loan: one-month and 96-month terms") {
    {
        const auto in = loan(5'000'000, 0, 1, 600);
        std::vector<Instalment> s;
        const auto r = computeLoan(in, &s);
        REQUIRE(r);
        CHECK(r->totalInterestMinor == 25'000);  // 50,000 x 0.5 %
        CHECK(r->lastPaymentMinor == 5'025'000);
        checkExact(*r, s, in);
    }
    {
        const auto in = loan(33'900'000, 5'085'000, 96, 349);
        std::vector<Instalment> s;
        const auto r = computeLoan(in, &s);
        REQUIRE(r);
        checkExact(*r, s, in);
        CHECK(r->totalInterestMinor > 0);
    }
}

TEST_CASE("Loan with a balloon, and a lease with a residual value") {
    const auto in = loan(20'000'000, 4'000'000, 36, 299, 8'000'000);
    std::vector<Instalment> s;
    const auto r = computeLoan(in, &s);
    REQUIRE(r);
    checkExact(*r, s, in);
    CHECK(r->totalCostMinor == 4'000'000 + r->totalPaymentsMinor);
    const auto lease = computeLease(in, &s);
    REQUIRE(lease);
    CHECK(lease->monthlyPaymentMinor == r->monthlyPaymentMinor);
    // Returning the car: the residual is not paid.
    CHECK(lease->totalCostMinor == 4'000'000 + lease->totalPaymentsMinor - 8'000'000);
    // Balloon at 0 % APR
    const auto zero = loan(10'000'000, 0, 12, 0, 4'000'000);
    const auto z = computeLoan(zero, &s);
    REQUIRE(z);
    CHECK(z->monthlyPaymentMinor == 500'000);
    checkExact(*z, s, zero);
}

TEST_CASE("Loan: invalid inputs give clear errors") {
    CHECK(computeLoan(loan(10'000'000, 0, 36, -1)).error().find("negative") != std::string::npos);
    CHECK(computeLoan(loan(10'000'000, 0, 0, 349)).error().find("at least one month") != std::string::npos);
    CHECK(computeLoan(loan(10'000'000, 0, 121, 349)).error().find("120") != std::string::npos);
    CHECK(computeLoan(loan(10'000'000, 10'000'001, 36, 349)).error().find("down payment") != std::string::npos);
    CHECK(computeLoan(loan(10'000'000, -1, 36, 349)).error().find("negative") != std::string::npos);
    CHECK(computeLoan(loan(10'000'000, 0, 36, 349, 10'000'000)).error().find("final payment") != std::string::npos);
    CHECK_FALSE(computeLoan(loan(0, 0, 36, 349)));
}

TEST_CASE("Content finance offers: dates, allowed terms, minimum down payment, balloon share") {
    const auto cn = pricing_test::china();
    const FinanceOffer* zero = cn.pricing.findOffer("cn-loan-0apr");
    REQUIRE(zero);
    const auto ok = computeOffer(*zero, pricing_test::day("2026-11-27"), 10'000'000, 3'000'000, 24);
    REQUIRE(ok);
    CHECK(ok->totalInterestMinor == 0);
    CHECK(computeOffer(*zero, pricing_test::day("2027-01-01"), 10'000'000, 3'000'000, 24).error().find("not available") !=
          std::string::npos);
    CHECK(computeOffer(*zero, pricing_test::day("2026-11-27"), 10'000'000, 3'000'000, 36).error().find("no 36-month") !=
          std::string::npos);
    CHECK(computeOffer(*zero, pricing_test::day("2026-11-27"), 10'000'000, 2'999'999, 24).error().find("at least 30 %") !=
          std::string::npos);
    const FinanceOffer* balloon = cn.pricing.findOffer("cn-loan-balloon");
    REQUIRE(balloon);
    const auto b = computeOffer(*balloon, pricing_test::day("2026-11-27"), 20'000'000, 4'000'000, 36);
    REQUIRE(b);
    CHECK(b->balloonMinor == 8'000'000);
}
