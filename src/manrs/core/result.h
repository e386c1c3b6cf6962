// core/result.h — Result<T>: a value or an Error (STYLE.md E1), and MANRS_TRY (E5).
//
// The API is a subset of C++23 std::expected (has_value, value, error, operator*, operator->,
// explicit bool) so that moving to std::expected is a rename. Fallible functions return
// Result<T> and are [[nodiscard]]; errors propagate with MANRS_TRY.
#pragma once

#include <utility>
#include <variant>

#include "manrs/core/error.h"

namespace manrs {

// Wraps an Error so that `return Unexpected{err};` and `return make_error(...)` both convert.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value)
      : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(Error error)
      : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT(google-explicit-constructor)

  [[nodiscard]] bool has_value() const { return v_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  const Error& error() const { return std::get<1>(v_); }
  Error& error() { return std::get<1>(v_); }

  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Error> v_;
};

// Result<void>: success or an Error.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error)
      : error_(std::move(error)), ok_(false) {}  // NOLINT(google-explicit-constructor)

  [[nodiscard]] bool has_value() const { return ok_; }
  explicit operator bool() const { return ok_; }
  void value() const {}
  const Error& error() const { return error_; }
  Error& error() { return error_; }

 private:
  Error error_;
  bool ok_ = true;
};

using Status = Result<void>;

}  // namespace manrs

#define MANRS_CONCAT_INNER_(a, b) a##b
#define MANRS_CONCAT_(a, b) MANRS_CONCAT_INNER_(a, b)
#define MANRS_TRY_IMPL_(tmp, decl, expr)               \
  auto tmp = (expr);                                   \
  if (!tmp.has_value()) return std::move(tmp.error()); \
  decl = std::move(tmp).value()

// MANRS_TRY(auto x, expr): evaluates expr (a Result); on error returns the Error upward,
// else binds the value to the declaration. MANRS_TRY_VOID(expr) for Result<void>.
#define MANRS_TRY(decl, expr) MANRS_TRY_IMPL_(MANRS_CONCAT_(manrs_try_, __LINE__), decl, expr)
#define MANRS_TRY_VOID(expr)                                                     \
  do {                                                                           \
    auto manrs_try_void_ = (expr);                                               \
    if (!manrs_try_void_.has_value()) return std::move(manrs_try_void_.error()); \
  } while (false)
