using System.ComponentModel.DataAnnotations;
using Gateway.Core.Security;

namespace Gateway.Transports.Mqtt;

/// <summary>Checks the broker's <see cref="MqttBrokerUser"/> list; every problem names its entry (<c>Users:1:PasswordHash</c>).</summary>
internal static class MqttBrokerUserValidation
{
    public static IEnumerable<ValidationResult> Validate(IReadOnlyList<MqttBrokerUser> users, string path)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < users.Count; i++)
        {
            var user = users[i];
            var at = $"{path}:{i}";
            if (string.IsNullOrEmpty(user.Username))
            {
                yield return new ValidationResult("a username is required.", [$"{at}:Username"]);
            }
            else if (!seen.Add(user.Username))
            {
                yield return new ValidationResult($"the user '{user.Username}' is listed twice.", [$"{at}:Username"]);
            }

            if ((user.Password is null) == (user.PasswordHash is null))
            {
                yield return new ValidationResult("give either Password or PasswordHash (from 'gateway hash-password'), not both or neither.", [$"{at}:PasswordHash"]);
            }
            else if (user.PasswordHash is not null && !PasswordHash.IsValid(user.PasswordHash, out var hashError))
            {
                yield return new ValidationResult(hashError, [$"{at}:PasswordHash"]);
            }

            if (user.Publish.Count == 0 && user.Subscribe.Count == 0)
            {
                yield return new ValidationResult("the user may do nothing; give Publish and/or Subscribe topic patterns (\"#\" for every topic).", [at]);
            }

            foreach (var result in ValidatePatterns(user.Publish, $"{at}:Publish").Concat(ValidatePatterns(user.Subscribe, $"{at}:Subscribe")))
            {
                yield return result;
            }
        }
    }

    private static IEnumerable<ValidationResult> ValidatePatterns(List<string> patterns, string path)
    {
        for (var i = 0; i < patterns.Count; i++)
        {
            if (!MqttTopics.TryValidateFilter(patterns[i], out var error))
            {
                yield return new ValidationResult(error, [$"{path}:{i}"]);
            }
        }
    }
}
