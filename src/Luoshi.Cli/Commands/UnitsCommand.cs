namespace Luoshi.Cli.Commands;

/// <summary>`luoshi units DISTRICT`: lists a district's unit catalogue.</summary>
internal static class UnitsCommand
{
    public static Command Create()
    {
        var district = new Argument<string?>("district") { Description = "区县代码或名称；省略时列出所有名录", Arity = ArgumentArity.ZeroOrOne };
        var catalogues = CommonOptions.Catalogues();
        var command = new Command("units", "列出区县单位名录（单位、类别、别称、集合名称及其成员）");
        command.Arguments.Add(district);
        command.Options.Add(catalogues);
        command.SetAction(result =>
        {
            CatalogueSet set;
            try
            {
                set = CatalogueFiles.Load(result.GetValue(catalogues));
            }
            catch (CatalogueFormatException e)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }

            string? name = result.GetValue(district);
            if (name is null)
            {
                foreach (var c in set.Catalogues)
                {
                    Console.WriteLine($"{c.Code}\t{c.City}{c.District}\t{c.Units.Count} 个单位\t{c.Collectives.Count} 个集合名称");
                }

                return set.Catalogues.Count > 0 ? 0 : 2;
            }

            var cat = set.Find(name);
            if (cat is null)
            {
                Console.Error.WriteLine($"找不到区县“{name}”的单位名录。");
                return 2;
            }

            Console.WriteLine($"{cat.City}{cat.District}单位名录：{cat.Units.Count} 个单位");
            foreach (var group in cat.Units.GroupBy(u => u.Kind))
            {
                Console.WriteLine();
                Console.WriteLine($"【{UnitKindLabels.Of(group.Key)}】");
                foreach (var u in group)
                {
                    string aliases = u.Aliases.Count > 0 ? $"（又称：{string.Join("、", u.Aliases)}）" : string.Empty;
                    Console.WriteLine($"  {u.Name}{aliases}{(u.Unsure ? "  [待核实]" : string.Empty)}");
                }
            }

            Console.WriteLine();
            Console.WriteLine("【集合名称】");
            foreach (var c in cat.Collectives)
            {
                string open = c.Open ? "（由督查室确定具体单位，候选：）" : "：";
                Console.WriteLine($"  {c.Name}{open}{string.Join("、", cat.MembersOf(c))}");
            }

            return 0;
        });
        return command;
    }
}
