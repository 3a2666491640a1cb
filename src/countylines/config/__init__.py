"""Analysis settings shipped as documented YAML files (data, validated strictly)."""
