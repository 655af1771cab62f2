#include "engines/report/json_schema.h"

#include <QFile>

#include <cmath>
#include <regex>
#include <set>
#include <stdexcept>

namespace aegis::engines::report {

namespace {

using nlohmann::json;

const std::set<std::string>& supportedKeywords()
{
    static const std::set<std::string> keywords{
        "$schema", "$id", "title", "description", "definitions", "$ref", "type", "properties", "required",
        "additionalProperties", "items", "enum", "minimum", "maximum", "exclusiveMinimum", "minItems", "maxItems",
        "minLength", "pattern",
    };
    return keywords;
}

bool hasType(const json& value, const std::string& type)
{
    if (type == "object") return value.is_object();
    if (type == "array") return value.is_array();
    if (type == "string") return value.is_string();
    if (type == "boolean") return value.is_boolean();
    if (type == "null") return value.is_null();
    if (type == "number") return value.is_number();
    if (type == "integer")
        return value.is_number_integer() || (value.is_number_float() && std::trunc(value.get<double>()) == value.get<double>());
    throw std::invalid_argument("schema uses unknown type '" + type + "'");
}

class Validator {
public:
    explicit Validator(const json& root) : root_(root) {}

    void check(const json& schema, const json& value, const std::string& path)
    {
        for (const auto& [keyword, _] : schema.items()) {
            if (!supportedKeywords().count(keyword))
                errors_.push_back(path + ": schema keyword '" + keyword + "' is not supported by this validator");
        }
        if (schema.contains("$ref")) {
            check(resolve(schema["$ref"].get<std::string>()), value, path);
            return;
        }
        if (schema.contains("type") && !typeMatches(schema["type"], value)) {
            errors_.push_back(path + ": expected " + schema["type"].dump() + ", found " + value.type_name());
            return;
        }
        if (schema.contains("enum")) {
            const json& allowed = schema["enum"];
            if (std::find(allowed.begin(), allowed.end(), value) == allowed.end())
                errors_.push_back(path + ": " + value.dump() + " is not one of " + allowed.dump());
        }
        if (value.is_number())
            checkNumber(schema, value.get<double>(), path);
        if (value.is_string())
            checkString(schema, value.get<std::string>(), path);
        if (value.is_array())
            checkArray(schema, value, path);
        if (value.is_object())
            checkObject(schema, value, path);
    }

    std::vector<std::string> takeErrors() { return std::move(errors_); }

private:
    const json& resolve(const std::string& reference) const
    {
        const std::string prefix = "#/definitions/";
        if (reference.rfind(prefix, 0) != 0 || !root_.contains("definitions") || !root_["definitions"].contains(reference.substr(prefix.size())))
            throw std::invalid_argument("schema reference cannot be resolved: " + reference);
        return root_["definitions"][reference.substr(prefix.size())];
    }

    static bool typeMatches(const json& type, const json& value)
    {
        if (type.is_string())
            return hasType(value, type.get<std::string>());
        return std::any_of(type.begin(), type.end(), [&](const json& t) { return hasType(value, t.get<std::string>()); });
    }

    void checkNumber(const json& schema, double number, const std::string& path)
    {
        if (!std::isfinite(number))
            errors_.push_back(path + ": number is not finite");
        if (schema.contains("minimum") && number < schema["minimum"].get<double>())
            errors_.push_back(path + ": " + json(number).dump() + " is below the minimum " + schema["minimum"].dump());
        if (schema.contains("maximum") && number > schema["maximum"].get<double>())
            errors_.push_back(path + ": " + json(number).dump() + " is above the maximum " + schema["maximum"].dump());
        if (schema.contains("exclusiveMinimum") && number <= schema["exclusiveMinimum"].get<double>())
            errors_.push_back(path + ": " + json(number).dump() + " must be greater than " + schema["exclusiveMinimum"].dump());
    }

    void checkString(const json& schema, const std::string& text, const std::string& path)
    {
        if (schema.contains("minLength") && text.size() < schema["minLength"].get<std::size_t>())
            errors_.push_back(path + ": string shorter than " + schema["minLength"].dump());
        if (schema.contains("pattern") && !std::regex_search(text, std::regex(schema["pattern"].get<std::string>())))
            errors_.push_back(path + ": \"" + text + "\" does not match " + schema["pattern"].dump());
    }

    void checkArray(const json& schema, const json& array, const std::string& path)
    {
        if (schema.contains("minItems") && array.size() < schema["minItems"].get<std::size_t>())
            errors_.push_back(path + ": fewer than " + schema["minItems"].dump() + " items");
        if (schema.contains("maxItems") && array.size() > schema["maxItems"].get<std::size_t>())
            errors_.push_back(path + ": more than " + schema["maxItems"].dump() + " items");
        if (schema.contains("items")) {
            for (std::size_t i = 0; i < array.size(); ++i)
                check(schema["items"], array[i], path + "[" + std::to_string(i) + "]");
        }
    }

    void checkObject(const json& schema, const json& object, const std::string& path)
    {
        const json properties = schema.value("properties", json::object());
        if (schema.contains("required")) {
            for (const json& name : schema["required"]) {
                if (!object.contains(name.get<std::string>()))
                    errors_.push_back(path + ": missing required field '" + name.get<std::string>() + "'");
            }
        }
        const bool additionalAllowed = schema.value("additionalProperties", true);
        for (const auto& [key, value] : object.items()) {
            const std::string childPath = path + "." + key;
            if (properties.contains(key))
                check(properties[key], value, childPath);
            else if (!additionalAllowed)
                errors_.push_back(childPath + ": field is not in the schema");
        }
    }

    const json& root_;
    std::vector<std::string> errors_;
};

}  // namespace

std::vector<std::string> validateAgainstSchema(const json& schema, const json& document)
{
    Validator validator(schema);
    validator.check(schema, document, "$");
    return validator.takeErrors();
}

const json& reportSchema()
{
    static const json schema = [] {
        QFile file(QStringLiteral(":/schema/aegismatrix.schema.json"));
        if (!file.open(QIODevice::ReadOnly))
            throw std::runtime_error("the report schema resource is missing from this build");
        const QByteArray bytes = file.readAll();
        return json::parse(bytes.constBegin(), bytes.constEnd());
    }();
    return schema;
}

}  // namespace aegis::engines::report
