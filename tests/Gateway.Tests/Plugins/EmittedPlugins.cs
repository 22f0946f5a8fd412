using System.Reflection;
using System.Reflection.Emit;
using Gateway.Core.Configuration;
using Gateway.Core.Plugins;

namespace Gateway.Tests.Plugins;

/// <summary>Writes small assemblies to disk with Reflection.Emit, to exercise every way a plugin can be wrong.</summary>
internal static class EmittedPlugins
{
    /// <summary>An assembly with a public class and no <see cref="GatewayPluginAttribute"/>.</summary>
    public static string WithoutAttribute(string directory) => Save(directory, "NoAttributePlugin", (assembly, module) =>
    {
        var type = module.DefineType("NoAttributePlugin.Thing", TypeAttributes.Public | TypeAttributes.Class);
        type.DefineDefaultConstructor(MethodAttributes.Public);
        type.CreateType();
    });

    /// <summary>An assembly whose attribute names a class that does not implement <see cref="IGatewayPlugin"/>.</summary>
    public static string NamingANonPlugin(string directory) => Save(directory, "NotAPlugin", (assembly, module) =>
    {
        var type = module.DefineType("NotAPlugin.Thing", TypeAttributes.Public | TypeAttributes.Class);
        type.DefineDefaultConstructor(MethodAttributes.Public);
        Name(assembly, type.CreateType());
    });

    /// <summary>An assembly whose attribute names an abstract plugin class.</summary>
    public static string NamingAnAbstractPlugin(string directory) => Save(directory, "AbstractPlugin", (assembly, module) =>
    {
        var type = module.DefineType("AbstractPlugin.Plugin", TypeAttributes.Public | TypeAttributes.Class | TypeAttributes.Abstract);
        type.AddInterfaceImplementation(typeof(IGatewayPlugin));
        type.DefineDefaultConstructor(MethodAttributes.Family);
        type.DefineMethod(
            nameof(IGatewayPlugin.Configure),
            MethodAttributes.Public | MethodAttributes.Virtual | MethodAttributes.Abstract | MethodAttributes.HideBySig | MethodAttributes.NewSlot,
            typeof(void),
            [typeof(IGatewayBuilder)]);
        Name(assembly, type.CreateType());
    });

    /// <summary>An assembly whose plugin throws <see cref="InvalidOperationException"/>("boom") from Configure.</summary>
    public static string WithThrowingPlugin(string directory) => Save(directory, "ThrowingPlugin", (assembly, module) =>
    {
        var type = module.DefineType("ThrowingPlugin.Plugin", TypeAttributes.Public | TypeAttributes.Class | TypeAttributes.Sealed);
        type.AddInterfaceImplementation(typeof(IGatewayPlugin));
        type.DefineDefaultConstructor(MethodAttributes.Public);
        var configure = type.DefineMethod(
            nameof(IGatewayPlugin.Configure),
            MethodAttributes.Public | MethodAttributes.Virtual | MethodAttributes.Final | MethodAttributes.HideBySig | MethodAttributes.NewSlot,
            typeof(void),
            [typeof(IGatewayBuilder)]);
        var il = configure.GetILGenerator();
        il.Emit(OpCodes.Ldstr, "boom");
        il.Emit(OpCodes.Newobj, typeof(InvalidOperationException).GetConstructor([typeof(string)])!);
        il.Emit(OpCodes.Throw);
        Name(assembly, type.CreateType());
    });

    private static void Name(PersistedAssemblyBuilder assembly, Type plugin)
        => assembly.SetCustomAttribute(new CustomAttributeBuilder(typeof(GatewayPluginAttribute).GetConstructor([typeof(Type)])!, [plugin]));

    private static string Save(string directory, string name, Action<PersistedAssemblyBuilder, ModuleBuilder> define)
    {
        var assembly = new PersistedAssemblyBuilder(new AssemblyName(name), typeof(object).Assembly);
        define(assembly, assembly.DefineDynamicModule(name));
        var path = Path.Combine(directory, name + ".dll");
        assembly.Save(path);
        return path;
    }
}
