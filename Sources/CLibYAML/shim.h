// libyaml (Debian package libyaml-dev), the YAML parser Reglament reads regulation files with.
#include <yaml.h>
