using System.Net;
using PeiTracker.Web.Data;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Security;

/// <summary>Each role against each page: allowed pages answer 200, the others send to "Acceso denegado". Never a 500.</summary>
[Collection(AppCollection.Name)]
public class PermissionMatrixTests(AppFixture app)
{
    private const string A = Roles.Administrador;
    private const string P = Roles.Planificador;
    private const string R = Roles.Registrador;
    private const string C = Roles.Consulta;

    public static TheoryData<string, string, bool> Matrix()
    {
        var pages = new (string Url, string[] Allowed)[]
        {
            ("/Plan", [A, P, R, C]),
            ("/Plan/Validacion", [A, P, R, C]),
            ("/Plan/Indicador/1", [A, P, R, C]),
            ("/Plan/Indicador/1/Editar", [A, P]),
            ("/Plan/Indicador/1/Metas", [A, P]),
            ("/Plan/Objetivo/1/Editar", [A, P]),
            ("/Plan/Matriz", [A, P]),
            ("/Plan/Matriz/Descargar", [A, P, R, C]),
            ("/Plan/Articulacion/Descargar/b1", [A, P, R, C]),
            ("/Tablero", [A, P, R, C]),
            ("/Tablero/Objetivo/1", [A, P, R, C]),
            ("/Tablero/Unidades", [A, P, R, C]),
            ("/Registro", [A, P, R, C]),
            ("/Registro/Revision", [A, P]),
            ("/Registro/Completitud", [A, P]),
            ("/Registro/Periodos", [A, P]),
            ("/Reportes", [A, P, R, C]),
            ("/Reportes/Fichas", [A, P, R, C]),
            ("/Reportes/Informe", [A, P]),
            ("/Reportes/Seguimiento?anio=2025&periodo=A", [A, P]),
            ("/DatosAbiertos/MRE-PEI-2025-2030/plan.json", [A, P, R, C]),
            ("/Auditoria", [A, P]),
            ("/Administracion", [A]),
            ("/Administracion/Nuevo", [A]),
            ("/Administracion/Configuracion", [A]),
            ("/Cuenta/Tokens", [A, P, R, C]),
            ("/Cuenta/Contrasena", [A, P, R, C]),
        };
        var data = new TheoryData<string, string, bool>();
        foreach (var (url, allowed) in pages)
        {
            foreach (var role in Roles.All)
            {
                data.Add(url, role, allowed.Contains(role));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Page_ForRole_IsServedOrDenied(string url, string role, bool allowed)
    {
        var client = await app.LoginAsync(await app.CreateUserAsync(role));

        var response = await client.GetAsync(url);

        if (allowed)
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{role} on {url}: {(int)response.StatusCode} {response.Headers.Location}");
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Cuenta/AccesoDenegado", response.Headers.Location!.OriginalString);
        }
    }
}
