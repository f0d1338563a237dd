import { Controller, Get } from '@nestjs/common';
import { z } from 'zod';
import { RegionsService } from '@app/domain';
import { Auth } from '../auth/auth.guard';
import { ApiRoute, ValidQuery } from '../openapi/api-route.decorator';

const listQuery = z.strictObject({ country: z.enum(['BY', 'RU', 'KZ', 'KG', 'UZ']).optional() });

const regionSchema = z.object({
  code: z.string(),
  country: z.string(),
  names: z.object({ ru: z.string(), en: z.string() }),
  centre: z.object({ ru: z.string(), en: z.string(), lat: z.number(), lon: z.number() }),
});

@Controller('api/v1/regions')
@Auth()
export class RegionsController {
  constructor(private readonly regions: RegionsService) {}

  @Get()
  @ApiRoute({
    tag: 'Reference data',
    summary: 'List regions (ISO 3166-2) of the cluster countries',
    query: listQuery,
    queryExample: { country: 'BY' },
    response: z.object({ items: z.array(regionSchema) }),
    errors: [400],
  })
  async list(@ValidQuery() query: z.output<typeof listQuery>) {
    const regions = (await this.regions.all()).filter((region) => !query.country || region.country === query.country);
    return {
      items: regions.map((region) => ({
        code: region.code,
        country: region.country,
        names: { ru: region.nameRu, en: region.nameEn },
        centre: { ru: region.centreRu, en: region.centreEn, lat: region.lat, lon: region.lon },
      })),
    };
  }
}
