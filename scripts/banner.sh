#!/usr/bin/env bash
# Prints a message so that nobody scrolling a CI log can miss it.
line=$(printf '%*s' 100 '' | tr ' ' '!')
printf '\n%s\n!!! %s\n%s\n\n' "$line" "$*" "$line" >&2
