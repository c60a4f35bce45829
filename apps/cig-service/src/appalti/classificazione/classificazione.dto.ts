import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, Matches, ValidateNested } from 'class-validator';
import { italiano, Sezione } from '#platform';

@Sezione('classificazione')
export class CpvDto {
  @ApiProperty({ example: '30192000-1' }) @Matches(/^\d{8}-\d$/, { message: italiano('codice CPV nel formato NNNNNNNN-N') })
  codice: string;
  @ApiProperty() @IsBoolean()
  principale: boolean;
}

@Sezione('classificazione')
export class ClassificazioneDto {
  @ApiProperty({ type: [CpvDto] }) @IsArray() @ArrayMinSize(1, { message: italiano('almeno una categoria CPV') }) @ArrayMaxSize(50)
  @ValidateNested({ each: true }) @Type(() => CpvDto)
  cpv: CpvDto[];
}
