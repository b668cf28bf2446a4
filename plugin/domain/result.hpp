#pragma once

#include <type_traits>
#include <utility>
#include <variant>

namespace ucf::domain {

/// The outcome of an operation that can fail in an expected way: either a value or an error
/// (STYLE.md §6: expected outcomes are values, infrastructure failures are exceptions).
/// `E` is usually a closed enum. `T` and `E` must differ so that construction is unambiguous.
template <typename T, typename E>
class Result {
  static_assert(!std::is_same_v<T, E>, "Result<T, E> needs distinct T and E");

 public:
  /// A successful result holding `value`.
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT(google-explicit-constructor)
  /// A failed result holding `error`.
  Result(E error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT(google-explicit-constructor)

  /// Whether this holds a value.
  bool ok() const { return state_.index() == 0; }

  /// The value. Precondition: ok(); otherwise throws std::bad_variant_access.
  const T& value() const& { return std::get<0>(state_); }
  /// The value. Precondition: ok(); otherwise throws std::bad_variant_access.
  T& value() & { return std::get<0>(state_); }
  /// The value, moved out. Precondition: ok(); otherwise throws std::bad_variant_access.
  T&& value() && { return std::get<0>(std::move(state_)); }

  /// The error. Precondition: !ok(); otherwise throws std::bad_variant_access.
  const E& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, E> state_;
};

}  // namespace ucf::domain
