#pragma once

#include "ucf/sdk/data_source.hpp"

namespace ucf::dbkit {

/// Which SQL engine a connection talks to. The one enum for it, host and plugin alike: the
/// SDK's data-source kind, which already names exactly the engines a data source can be, so
/// that nothing translates between look-alike enums.
using Dialect = sdk::DataSourceKind;

}  // namespace ucf::dbkit
