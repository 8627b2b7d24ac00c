// The one header through which Redress reaches libyaml (Debian: libyaml-dev).
// Nothing outside RedressYAML imports CYAML.
#include <yaml.h>
